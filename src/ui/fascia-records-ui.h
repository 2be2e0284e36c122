/* fascia-records-ui.h — importing, exporting and backing up records from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-fhir.h"
#include "fascia/fascia-records-export.h"
#include "fascia/fascia-store.h"

G_BEGIN_DECLS

typedef enum
{
  FASCIA_RECORDS_FHIR,
  FASCIA_RECORDS_CSV,
  FASCIA_RECORDS_VCARD,
  FASCIA_RECORDS_CHART,  /* one client's whole chart, a PDF with the handouts' letterhead */
} FasciaRecordsFormat;

void       fascia_records_import_clients      (GtkWidget   *widget,
                                               FasciaStore *store);
GtkWidget *fascia_records_preview_clients     (GtkWidget   *widget,
                                               FasciaStore *store,
                                               GFile       *file);
void       fascia_records_preview_clients_async  (GtkWidget           *widget,
                                                  FasciaStore         *store,
                                                  GFile               *file,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GtkWidget *fascia_records_preview_clients_finish (GtkWidget           *widget,
                                                  GAsyncResult        *result);
void       fascia_records_import_fhir         (GtkWidget   *widget,
                                               FasciaStore *store);
gboolean   fascia_records_import_fhir_file    (GtkWidget             *widget,
                                               FasciaStore           *store,
                                               GFile                 *file,
                                               FasciaFhirDuplicates   duplicates,
                                               char                 **kept,
                                               GError               **error);
GtkWidget *fascia_records_open_fhir           (GtkWidget   *widget,
                                               FasciaStore *store,
                                               GFile       *file);
void       fascia_records_open_fhir_async     (GtkWidget           *widget,
                                               FasciaStore         *store,
                                               GFile               *file,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GtkWidget *fascia_records_open_fhir_finish    (GtkWidget           *widget,
                                               GAsyncResult        *result);
void       fascia_records_export              (GtkWidget   *widget,
                                               FasciaStore *store,
                                               gint64       client_id);
GtkWidget *fascia_records_export_dialog       (GtkWidget   *widget,
                                               FasciaStore *store);
gboolean   fascia_records_export_file         (FasciaStore *store,
                                               gint64       client_id,
                                               GFile       *file,
                                               GError     **error);
GtkWidget *fascia_records_export_to           (GtkWidget            *widget,
                                               FasciaStore          *store,
                                               gint64                client_id,
                                               GFile                *file,
                                               FasciaRecordsFormat   format,
                                               FasciaCsvExportKind   kind,
                                               FasciaCsvExportFlags  flags);
gboolean   fascia_records_export_chart_file   (FasciaStore *store,
                                               gint64       client_id,
                                               GFile       *file,
                                               GError     **error);
void       fascia_records_export_chart        (GtkWidget   *widget,
                                               FasciaStore *store,
                                               gint64       client_id);
void       fascia_records_back_up             (GtkWidget   *widget,
                                               FasciaStore *store);
GtkWidget *fascia_records_back_up_file        (GtkWidget   *widget,
                                               FasciaStore *store,
                                               GFile       *file);
void       fascia_records_restore             (GtkWidget   *widget,
                                               FasciaStore *store);
GtkWidget *fascia_records_restore_file        (GtkWidget   *widget,
                                               FasciaStore *store,
                                               GFile       *file);
void       fascia_records_set_close_wait      (guint        milliseconds);
void       fascia_records_set_show_after      (guint        milliseconds);

GtkWidget *fascia_records_move_to_server      (GtkWidget   *widget,
                                              FasciaStore *store);
GtkWidget *fascia_records_move_to_server_start (GtkWidget   *widget,
                                              FasciaStore *store,
                                              const char  *conninfo,
                                              const char  *password,
                                              gboolean     remember);

G_END_DECLS
