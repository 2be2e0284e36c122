/* fascia-fhir.h — client records as FHIR R4 JSON bundles, out and back in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-atlas.h"
#include "fascia-store.h"

G_BEGIN_DECLS

/* Where Fascia's own FHIR extensions and code systems are named. */
#define FASCIA_FHIR_BASE "https://fascia.github.io/fhir/"

GBytes   *fascia_fhir_export (FasciaStore  *store,
                              FasciaAtlas  *atlas,
                              gint64        client_id,
                              GError      **error);
gboolean  fascia_fhir_import (FasciaStore  *store,
                              GBytes       *bundle,
                              guint        *n_clients,
                              GError      **error);
gboolean  fascia_fhir_atlas_has_id (FasciaStoreIdKind  kind,
                                    const char        *id,
                                    gpointer           atlas);

G_END_DECLS
