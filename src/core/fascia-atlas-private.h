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

/*
 * The records as the atlas is built from them: each file's validated records as a GVariant
 * "av" of "a{sv}" (json_gvariant_deserialize()'s form of the JSON: a string "s", a number
 * "x" or "d", a boolean "b", null "mv", an array "av", an object "a{sv}"), the six files in a
 * tuple of FASCIA_ATLAS_RECORDS_TYPE, in #FasciaAtlasFile order. The built-in content's is
 * written at build time (fascia-atlas-records-gen.c), so that no start parses the JSON.
 */
#define FASCIA_ATLAS_RECORDS_TYPE     "(avavavavavav)"
#define FASCIA_ATLAS_RECORDS_RESOURCE "/io/github/fascia/Fascia/atlas-records"

GVariant   *fascia_atlas_read_records       (GFile            *directory,
                                             GError          **error);

/* One record (an "a{sv}") and its readers; a string member absent or null is NULL, an
 * array absent is empty. */
typedef struct _FasciaRecord FasciaRecord;

FasciaRecord *fascia_record_new             (GVariant         *dict);
void          fascia_record_free            (FasciaRecord     *self);
const char   *fascia_record_get_string      (FasciaRecord     *self,
                                             const char       *member);
char        **fascia_record_dup_strv        (FasciaRecord     *self,
                                             const char       *member);
gboolean      fascia_record_get_boolean     (FasciaRecord     *self,
                                             const char       *member);
gint64        fascia_record_get_int         (FasciaRecord     *self,
                                             const char       *member);
GVariant     *fascia_record_get_array       (FasciaRecord     *self,
                                             const char       *member);
FasciaRecord *fascia_record_get_record      (FasciaRecord     *self,
                                             const char       *member);
FasciaRecord *fascia_record_get_element     (GVariant         *array,
                                             gsize             index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaRecord, fascia_record_free)

/* fascia-record-list.c: a GListModel filled while the atlas is built, then read from any
 * thread (the atlas's lists and the lists its records hold). */
#define FASCIA_TYPE_RECORD_LIST (fascia_record_list_get_type ())
G_DECLARE_FINAL_TYPE (FasciaRecordList, fascia_record_list, FASCIA, RECORD_LIST, GObject)

FasciaRecordList   *fascia_record_list_new               (GType               item_type);
void                fascia_record_list_append            (FasciaRecordList   *self,
                                                          gpointer            item);

/* Constructors from validated records, and the derived links the atlas adds after. */
FasciaMuscle       *fascia_muscle_new_from_record        (FasciaRecord       *record);
void                fascia_muscle_add_technique          (FasciaMuscle       *self,
                                                          FasciaTechnique    *technique);
FasciaLandmark     *fascia_landmark_new_from_record      (FasciaRecord       *record);
void                fascia_landmark_add_muscle           (FasciaLandmark     *self,
                                                          FasciaMuscle       *muscle);
FasciaTechnique    *fascia_technique_new_from_record     (FasciaRecord       *record);
FasciaTriggerPoint *fascia_trigger_point_new_from_record (const char         *muscle_id,
                                                          FasciaRecord       *record);
FasciaView         *fascia_view_new_from_record          (FasciaRecord       *record);
FasciaPattern      *fascia_pattern_new_from_record       (FasciaRecord       *record);

G_END_DECLS
