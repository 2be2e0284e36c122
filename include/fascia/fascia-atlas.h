/* fascia-atlas.h — the anatomy content: muscles, landmarks, techniques, trigger points,
 * patterns and diagram views, loaded from the JSON files of resources/atlas/ and immutable
 * afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-landmark.h"
#include "fascia-muscle.h"
#include "fascia-pattern.h"
#include "fascia-technique.h"
#include "fascia-trigger-point.h"
#include "fascia-types.h"
#include "fascia-view.h"

G_BEGIN_DECLS

#define FASCIA_ATLAS_ERROR (fascia_atlas_error_quark ())

typedef enum
{
  FASCIA_ATLAS_ERROR_PARSE,          /* malformed JSON, or not the expected shape */
  FASCIA_ATLAS_ERROR_MISSING_FIELD,
  FASCIA_ATLAS_ERROR_UNKNOWN_FIELD,
  FASCIA_ATLAS_ERROR_WRONG_TYPE,
  FASCIA_ATLAS_ERROR_INVALID_VALUE,  /* a bad slug, an empty required text, a text too long */
  FASCIA_ATLAS_ERROR_DUPLICATE_ID,
  FASCIA_ATLAS_ERROR_DANGLING_ID,    /* names a record that does not exist */
  FASCIA_ATLAS_ERROR_IO,
} FasciaAtlasError;

GQuark fascia_atlas_error_quark (void);

#define FASCIA_TYPE_ATLAS (fascia_atlas_get_type ())

G_DECLARE_FINAL_TYPE (FasciaAtlas, fascia_atlas, FASCIA, ATLAS, GObject)

/* The built-in content from the GResource, loaded once per process. */
FasciaAtlas        *fascia_atlas_get_default             (GError      **error);
/* Starts loading it in a worker thread; the first fascia_atlas_get_default() waits for it. */
void                fascia_atlas_preload_default         (void);
FasciaAtlas        *fascia_atlas_peek_default            (void);
gboolean            fascia_atlas_default_is_requested    (void);
/* A directory of the same format, for `fascia --check-content DIR` and tests. */
FasciaAtlas        *fascia_atlas_new_from_directory      (const char   *directory,
                                                          GError      **error);

FasciaMuscle       *fascia_atlas_lookup_muscle           (FasciaAtlas  *self,
                                                          const char   *id);
FasciaLandmark     *fascia_atlas_lookup_landmark         (FasciaAtlas  *self,
                                                          const char   *id);
FasciaTechnique    *fascia_atlas_lookup_technique        (FasciaAtlas  *self,
                                                          const char   *id);
FasciaTriggerPoint *fascia_atlas_lookup_trigger_point    (FasciaAtlas  *self,
                                                          const char   *muscle_id,
                                                          guint         n);
FasciaView         *fascia_atlas_lookup_view             (FasciaAtlas  *self,
                                                          const char   *id);
FasciaPattern      *fascia_atlas_lookup_pattern          (FasciaAtlas  *self,
                                                          const char   *id);
const char         *fascia_atlas_lookup_reference        (FasciaAtlas  *self,
                                                          const char   *id);

/* GListModels of the records, in file order. */
GListModel         *fascia_atlas_get_muscles             (FasciaAtlas  *self);
GListModel         *fascia_atlas_get_landmarks           (FasciaAtlas  *self);
GListModel         *fascia_atlas_get_techniques          (FasciaAtlas  *self);
GListModel         *fascia_atlas_get_views               (FasciaAtlas  *self);
GListModel         *fascia_atlas_get_patterns            (FasciaAtlas  *self);
/* Every trigger point of every muscle, in muscle order. */
GListModel         *fascia_atlas_get_trigger_points      (FasciaAtlas  *self);
const char * const *fascia_atlas_get_reference_ids       (FasciaAtlas  *self);

/* Muscles, landmarks and techniques whose English or Latin name contains @query,
 * ignoring case and accents; a new model each call. */
GListModel         *fascia_atlas_search                  (FasciaAtlas  *self,
                                                          const char   *query);

G_END_DECLS
