/* fascia-atlas-stub.c — TEMPORARY: the symbols of fascia-atlas.h, so that the render layer
 * links until the branch atlas-loader is merged; that merge deletes this file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-atlas.h"

struct _FasciaAtlas
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (FasciaAtlas, fascia_atlas, G_TYPE_OBJECT)

G_DEFINE_QUARK (fascia-atlas-error-quark, fascia_atlas_error)

static void
fascia_atlas_class_init (FasciaAtlasClass *klass)
{
}

static void
fascia_atlas_init (FasciaAtlas *self)
{
}

FasciaAtlas *
fascia_atlas_get_default (GError **error)
{
  g_set_error_literal (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_IO,
                       "The atlas is not built yet");
  return NULL;
}

FasciaMuscle *
fascia_atlas_lookup_muscle (FasciaAtlas *self,
                            const char  *id)
{
  return NULL;
}

FasciaLandmark *
fascia_atlas_lookup_landmark (FasciaAtlas *self,
                              const char  *id)
{
  return NULL;
}

FasciaTriggerPoint *
fascia_atlas_lookup_trigger_point (FasciaAtlas *self,
                                   const char  *muscle_id,
                                   guint        n)
{
  return NULL;
}
