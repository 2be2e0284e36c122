/* fascia-atlas-private.h — what the atlas loader shares with its record types, inside
 * src/core only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fascia/fascia-atlas.h"

G_BEGIN_DECLS

/* The content files, in the order they are read. */
typedef enum
{
  FASCIA_ATLAS_FILE_REFERENCES,
  FASCIA_ATLAS_FILE_LANDMARKS,
  FASCIA_ATLAS_FILE_MUSCLES,
  FASCIA_ATLAS_FILE_TECHNIQUES,
  FASCIA_ATLAS_FILE_PATTERNS,
  FASCIA_ATLAS_FILE_VIEWS,
  FASCIA_ATLAS_N_FILES
} FasciaAtlasFile;

/* fascia-atlas-schema.c: the format of resources/atlas/README.md as a table, and the
 * validator that walks it. */
const char *fascia_atlas_file_name          (FasciaAtlasFile   file);
gboolean    fascia_atlas_validate           (GBytes          **contents,
                                             JsonArray       **records,
                                             GError          **error);
guint       fascia_atlas_count_words        (const char       *text);

/* Readers for records that fascia_atlas_validate() accepted. */
const char *fascia_json_get_string          (JsonObject       *object,
                                             const char       *member);
char      **fascia_json_dup_strv            (JsonObject       *object,
                                             const char       *member);

/* Constructors from validated records, and the derived links the atlas adds after. */
FasciaMuscle       *fascia_muscle_new_from_json        (JsonObject         *object);
void                fascia_muscle_add_technique        (FasciaMuscle       *self,
                                                        FasciaTechnique    *technique);
FasciaLandmark     *fascia_landmark_new_from_json      (JsonObject         *object);
void                fascia_landmark_add_muscle         (FasciaLandmark     *self,
                                                        FasciaMuscle       *muscle);
FasciaTechnique    *fascia_technique_new_from_json     (JsonObject         *object);
FasciaTriggerPoint *fascia_trigger_point_new_from_json (const char         *muscle_id,
                                                        JsonObject         *object);
FasciaView         *fascia_view_new_from_json          (JsonObject         *object);
FasciaPattern      *fascia_pattern_new_from_json       (JsonObject         *object);

G_END_DECLS
