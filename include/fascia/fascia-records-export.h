/* fascia-records-export.h — client records as CSV for spreadsheets and as vCards for
 * address books.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-atlas.h"
#include "fascia-store.h"

G_BEGIN_DECLS

typedef enum
{
  FASCIA_CSV_EXPORT_CLIENTS,
  FASCIA_CSV_EXPORT_VISITS,
  FASCIA_CSV_EXPORT_PAIN_MARKS,
} FasciaCsvExportKind;

typedef enum /*< flags >*/
{
  FASCIA_CSV_EXPORT_NONE = 0,
  FASCIA_CSV_EXPORT_BOM  = 1 << 0,  /* a byte order mark, for spreadsheets that want one */
} FasciaCsvExportFlags;

GBytes   *fascia_csv_export                  (FasciaStore           *store,
                                              FasciaAtlas           *atlas,
                                              FasciaCsvExportKind    kind,
                                              FasciaCsvExportFlags   flags,
                                              guint                 *n_rows,
                                              GError               **error);
GBytes   *fascia_csv_export_full             (FasciaStore              *store,
                                              FasciaAtlas              *atlas,
                                              FasciaCsvExportKind       kind,
                                              FasciaCsvExportFlags      flags,
                                              GCancellable             *cancellable,
                                              FasciaStoreProgressFunc   progress,
                                              gpointer                  progress_data,
                                              guint                    *n_rows,
                                              GError                  **error);
gboolean  fascia_csv_export_kind_from_string (const char            *text,
                                              FasciaCsvExportKind   *kind);
void      fascia_csv_append_field            (GString               *line,
                                              const char            *text);

GBytes   *fascia_vcard_export                (FasciaStore           *store,
                                              guint                 *n_cards,
                                              GError               **error);

G_END_DECLS
