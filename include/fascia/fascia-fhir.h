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
/* What to do with a Patient of the bundle who is already a client (the duplicate rule of
 * every import: the same email address, or the same name and date of birth). */
typedef enum
{
  FASCIA_FHIR_DUPLICATES_REFUSE,  /* import nothing, FASCIA_STORE_ERROR_EXISTS naming the client */
  FASCIA_FHIR_DUPLICATES_SKIP,    /* leave the client as it is; import nothing of the patient */
  FASCIA_FHIR_DUPLICATES_MERGE,   /* keep the client; add what it lacks (see fascia_fhir_import()) */
  FASCIA_FHIR_DUPLICATES_ADD,     /* add another client */
} FasciaFhirDuplicates;

/* What an import did. */
typedef struct
{
  guint n_added;     /* clients added */
  guint n_merged;    /* clients merged into */
  guint n_skipped;   /* patients of the bundle left out as duplicates */
  guint n_plans;     /* plans added */
  guint n_visits;    /* visits added */
} FasciaFhirImportCounts;

gboolean   fascia_fhir_import (FasciaStore             *store,
                               GBytes                  *bundle,
                               FasciaFhirDuplicates     duplicates,
                               FasciaFhirImportCounts  *counts,
                               GError                 **error);
gboolean   fascia_fhir_import_full (FasciaStore             *store,
                                    GBytes                  *bundle,
                                    FasciaFhirDuplicates     duplicates,
                                    FasciaFhirImportCounts  *counts,
                                    GCancellable            *cancellable,
                                    gint                    *permille,
                                    GError                 **error);
void       fascia_fhir_import_async  (FasciaStore             *store,
                                      GBytes                  *bundle,
                                      FasciaFhirDuplicates     duplicates,
                                      GCancellable            *cancellable,
                                      gint                    *permille,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
gboolean   fascia_fhir_import_finish (FasciaStore             *store,
                                      GAsyncResult            *result,
                                      FasciaFhirImportCounts  *counts,
                                      GError                 **error);
GPtrArray *fascia_fhir_find_duplicates (FasciaStore  *store,
                                        GBytes       *bundle,
                                        GError      **error);
void       fascia_fhir_find_duplicates_async  (FasciaStore          *store,
                                               GBytes               *bundle,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *fascia_fhir_find_duplicates_finish (FasciaStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean   fascia_fhir_duplicates_from_string (const char           *text,
                                               FasciaFhirDuplicates *duplicates);
gboolean  fascia_fhir_atlas_has_id (FasciaStoreIdKind  kind,
                                    const char        *id,
                                    gpointer           atlas);

G_END_DECLS
