/* fascia-handout-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-handout-export"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-client.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia/fascia-plan.h"

#include "fascia-handout-export.h"
#include "fascia-ui-utils.h"

/*
 * The same FasciaHandout serves the printer and the PDF: the print operation paginates it
 * for the page size the user chose and draws its pages, and the export writes it with the
 * paper size from the preferences.
 */

/* The letterhead and paper size from the preferences, when the settings schema is
 * installed; a headless run from a build tree without one prints no letterhead on A4. */
void
fascia_print_setup_load (FasciaPrintSetup *setup)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *paper = NULL;

  g_return_if_fail (setup != NULL);

  setup->paper = FASCIA_PAPER_A4;
  setup->clinic = NULL;
  setup->therapist = NULL;
  setup->contact = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  setup->clinic = g_settings_get_string (settings, "clinic-name");
  setup->therapist = g_settings_get_string (settings, "therapist-name");
  setup->contact = g_settings_get_string (settings, "contact-line");
  paper = g_settings_get_string (settings, "paper-size");
  fascia_paper_from_string (paper, &setup->paper);
}

void
fascia_print_setup_clear (FasciaPrintSetup *setup)
{
  g_clear_pointer (&setup->clinic, g_free);
  g_clear_pointer (&setup->therapist, g_free);
  g_clear_pointer (&setup->contact, g_free);
}

/* The letterhead lines of @setup, valid while @setup is. */
FasciaLetterhead
fascia_print_setup_get_letterhead (const FasciaPrintSetup *setup)
{
  FasciaLetterhead lines = { setup->clinic, setup->therapist, setup->contact };

  return lines;
}

static FasciaHandout *
build_handout (GtkWidget        *widget,
               FasciaStore      *store,
               gint64            plan_id,
               FasciaPrintSetup *setup)
{
  g_autoptr(GError) error = NULL;
  FasciaLetterhead lines;
  FasciaHandout *handout;

  fascia_print_setup_load (setup);
  lines = fascia_print_setup_get_letterhead (setup);

  handout = fascia_handout_new_for_plan (store, fascia_ui_get_atlas (), plan_id, &lines, &error);
  if (handout == NULL)
    fascia_ui_show_error (widget, _("Could not make the handout"), error);

  return handout;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                FasciaHandout     *handout)
{
  guint pages = fascia_handout_paginate (handout, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              FasciaHandout     *handout)
{
  fascia_handout_draw_page (handout, gtk_print_context_get_cairo_context (context), page_nr);
}

/**
 * fascia_handout_export_print:
 * @widget: a widget in the window the print dialog belongs to
 *
 * Opens the print dialog (with its preview) for the plan's handout.
 */
void
fascia_handout_export_print (GtkWidget   *widget,
                             FasciaStore *store,
                             gint64       plan_id)
{
  g_auto(FasciaPrintSetup) letterhead = { NULL };
  g_autoptr(FasciaHandout) handout = build_handout (widget, store, plan_id, &letterhead);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (handout == NULL)
    return;

  paper = gtk_paper_size_new (letterhead.paper == FASCIA_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                       : GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The handout keeps its own 2 cm margins, measured from the edge of the sheet. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Client handout"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), handout);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), handout);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    fascia_ui_show_error (widget, _("Could not print the handout"), error);
}

typedef struct
{
  GtkWidget     *widget;
  FasciaHandout *handout;
  FasciaPaper    paper;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->widget);
  g_clear_object (&job->handout);
  g_free (job);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ExportJob       *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Handouts can only be saved to a local folder."));
          fascia_ui_show_error (job->widget, _("Could not save the handout"), error);
        }
      else if (!fascia_handout_write_pdf (job->handout, path, job->paper, &error))
        fascia_ui_show_error (job->widget, _("Could not save the handout"), error);
      else
        fascia_ui_toast (job->widget, _("Handout saved"));
    }

  export_job_free (job);
  g_object_unref (dialog);
}

/**
 * fascia_handout_export_file_name:
 *
 * Returns: (transfer full): the file name offered for the plan's handout: its client's name,
 * or while names are hidden, the client's number.
 */
char *
fascia_handout_export_file_name (FasciaStore *store,
                                 gint64       plan_id)
{
  g_autoptr(FasciaPlan) plan = fascia_store_get_plan (store, plan_id, NULL);
  g_autoptr(FasciaClient) client = NULL;
  g_autofree char *who = NULL;

  if (plan != NULL)
    client = fascia_store_get_client (store, fascia_plan_get_client_id (plan), NULL);
  if (client == NULL)
    return g_strdup (_("Handout.pdf"));

  who = fascia_ui_client_file_name (client, fascia_ui_names_hidden ());
  /* Translators: the file name offered for a handout, e.g. "Handout for Ann Lee.pdf" */
  return g_strdup_printf (_("Handout for %s.pdf"), who);
}

/**
 * fascia_handout_export_pdf:
 * @widget: a widget in the window the file chooser belongs to
 *
 * Asks where to save the plan's handout and writes it there as a PDF.
 */
void
fascia_handout_export_pdf (GtkWidget   *widget,
                           FasciaStore *store,
                           gint64       plan_id)
{
  g_auto(FasciaPrintSetup) letterhead = { NULL };
  FasciaHandout *handout = build_handout (widget, store, plan_id, &letterhead);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  ExportJob *job;

  if (handout == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->widget = g_object_ref (widget);
  job->handout = handout;
  job->paper = letterhead.paper;

  dialog = gtk_file_chooser_native_new (_("Export Handout as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = fascia_handout_export_file_name (store, plan_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
