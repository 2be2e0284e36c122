/* fascia-csv-export.c — clients, visits and pain marks as CSV a spreadsheet opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-records"

#include "config.h"

#include <string.h>

#include "fascia/fascia-muscle.h"
#include "fascia/fascia-records-export.h"

/*
 * RFC 4180: fields separated by commas, records by CRLF, a field quoted when it holds a
 * comma, a quote, a line break or spaces at its ends. A text cell that a spreadsheet would
 * read as a formula (one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * gets a leading `'`, so opening the file never runs anything; numbers Fascia writes itself
 * are left as they are. The clients file uses column names that fascia_csv_import_new()
 * reads back. In the pain marks file, a point (x, y) is in its view's canvas coordinates on
 * the drawing the `drawing` column numbers (fascia-view-drawing.c): the same point lies on
 * another spot of the body once a view is redrawn.
 */

gboolean
fascia_csv_export_kind_from_string (const char          *text,
                                    FasciaCsvExportKind *kind)
{
  static const char * const names[] = { "clients", "visits", "pain-marks" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *kind = (FasciaCsvExportKind) i;
        return TRUE;
      }

  return FALSE;
}

static void
append_raw (GString    *line,
            const char *text)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL ||
                   (text[0] != '\0' && (g_ascii_isspace (text[0]) ||
                                        g_ascii_isspace (text[strlen (text) - 1])));

  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');

  if (!quote)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/**
 * fascia_csv_append_field:
 * @line: the file so far
 * @text: (nullable): a text cell
 *
 * Appends @text as the next field, neutralised if a spreadsheet would take it for a formula.
 */
void
fascia_csv_append_field (GString    *line,
                         const char *text)
{
  if (text == NULL)
    text = "";

  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      g_autofree char *safe = g_strconcat ("'", text, NULL);

      append_raw (line, safe);
    }
  else
    append_raw (line, text);
}

static void
append_number (GString *line,
               gint64   value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  append_raw (line, text);
}

static void
append_score (GString *line,
              int      value)
{
  if (value < 0)
    append_raw (line, "");
  else
    append_number (line, value);
}

static void
end_record (GString *out)
{
  g_string_append (out, "\r\n");
}

static void
append_header (GString            *out,
               const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    append_raw (out, names[i]);
  end_record (out);
}

static char *
local_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (datetime);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
muscle_name (FasciaAtlas *atlas,
             const char  *id)
{
  FasciaMuscle *muscle = atlas != NULL ? fascia_atlas_lookup_muscle (atlas, id) : NULL;

  return muscle != NULL ? fascia_muscle_get_name (muscle) : id;
}

static const char *
side_word (FasciaSide side)
{
  return side == FASCIA_SIDE_LEFT ? " (left)" : side == FASCIA_SIDE_RIGHT ? " (right)"
         : side == FASCIA_SIDE_BOTH ? " (both sides)" : "";
}

static void
append_client_row (GString      *out,
                   FasciaClient *client)
{
  /* In the order of the columns, as fascia_csv_import_new() reads them back. */
  static const FasciaHealthFlags flags[] = {
    FASCIA_HEALTH_PREGNANCY, FASCIA_HEALTH_ANTICOAGULANTS, FASCIA_HEALTH_OSTEOPOROSIS,
    FASCIA_HEALTH_RECENT_SURGERY, FASCIA_HEALTH_RED_FLAGS,
    FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR, FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR,
    FASCIA_HEALTH_ABDOMINAL_HERNIA, FASCIA_HEALTH_SMOKER, FASCIA_HEALTH_VASCULAR_DISEASE,
    FASCIA_HEALTH_CANCER, FASCIA_HEALTH_STOMA, FASCIA_HEALTH_ENDOMETRIOSIS,
  };
  guint trimester = fascia_client_get_pregnancy_trimester (client);
  FasciaHealthFlags health = fascia_client_get_health_flags (client);

  append_number (out, fascia_client_get_id (client));
  fascia_csv_append_field (out, fascia_client_get_name (client));
  fascia_csv_append_field (out, fascia_client_get_email (client));
  fascia_csv_append_field (out, fascia_client_get_phone (client));
  fascia_csv_append_field (out, fascia_client_get_date_of_birth (client));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    append_raw (out, (health & flags[i]) != 0 ? "yes" : "no");
  if (trimester > 0)
    append_number (out, trimester);
  else
    append_raw (out, "");
  fascia_csv_append_field (out, fascia_client_get_health_notes (client));
  fascia_csv_append_field (out, fascia_client_get_notes (client));
  append_raw (out, fascia_client_get_archived (client) ? "yes" : "no");
  end_record (out);
}

static gboolean
append_visit_rows (GString      *out,
                   FasciaStore  *store,
                   FasciaAtlas  *atlas,
                   FasciaClient *client,
                   gboolean      marks,
                   guint        *n_rows,
                   GError      **error)
{
  g_autoptr(GListModel) visits = fascia_store_list_visits (store, fascia_client_get_id (client),
                                                           error);
  guint n;

  if (visits == NULL)
    return FALSE;

  /* Oldest first, as a spreadsheet user reads a history. */
  n = g_list_model_get_n_items (visits);
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, i);
      g_autofree char *when = local_time (fascia_visit_get_visited_at (visit));

      if (!marks)
        {
          g_autoptr(GString) targets = g_string_new (NULL);
          gsize n_ids = 0;
          const gint64 *ids = fascia_visit_get_treated_target_ids (visit, &n_ids);

          for (gsize j = 0; j < n_ids; j++)
            {
              g_autoptr(FasciaPlanTarget) target = fascia_store_get_plan_target (store, ids[j],
                                                                                 NULL);

              if (target == NULL)
                continue;
              g_string_append_printf (targets, "%s%s%s", targets->len > 0 ? "; " : "",
                                      muscle_name (atlas, fascia_plan_target_get_muscle_id (target)),
                                      side_word (fascia_plan_target_get_side (target)));
            }

          append_number (out, fascia_client_get_id (client));
          fascia_csv_append_field (out, fascia_client_get_name (client));
          append_number (out, fascia_visit_get_id (visit));
          append_raw (out, when);
          append_score (out, fascia_visit_get_pain_before (visit));
          append_score (out, fascia_visit_get_pain_after (visit));
          fascia_csv_append_field (out, targets->str);
          fascia_csv_append_field (out, fascia_visit_get_subjective (visit));
          fascia_csv_append_field (out, fascia_visit_get_objective (visit));
          fascia_csv_append_field (out, fascia_visit_get_assessment (visit));
          fascia_csv_append_field (out, fascia_visit_get_plan_notes (visit));
          end_record (out);
          (*n_rows)++;
          continue;
        }

      {
        g_autoptr(GListModel) list = fascia_store_list_pain_marks (store,
                                                                   fascia_visit_get_id (visit),
                                                                   error);
        g_autoptr(GEnumClass) types = g_type_class_ref (FASCIA_TYPE_PAIN_TYPE);

        if (list == NULL)
          return FALSE;

        for (guint j = 0; j < g_list_model_get_n_items (list); j++)
          {
            g_autoptr(FasciaPainMark) mark = g_list_model_get_item (list, j);
            const char *region = fascia_pain_mark_get_region_id (mark);
            gboolean is_point = region == NULL || region[0] == '\0';
            char x[G_ASCII_DTOSTR_BUF_SIZE] = "", y[G_ASCII_DTOSTR_BUF_SIZE] = "";
            char drawing[16] = "";
            GEnumValue *type = g_enum_get_value (types, fascia_pain_mark_get_pain_type (mark));

            if (is_point)
              {
                g_ascii_formatd (x, sizeof x, "%.1f", fascia_pain_mark_get_x (mark));
                g_ascii_formatd (y, sizeof y, "%.1f", fascia_pain_mark_get_y (mark));
                g_snprintf (drawing, sizeof drawing, "%u", fascia_pain_mark_get_drawing (mark));
              }

            append_number (out, fascia_client_get_id (client));
            fascia_csv_append_field (out, fascia_client_get_name (client));
            append_number (out, fascia_visit_get_id (visit));
            append_raw (out, when);
            fascia_csv_append_field (out, fascia_pain_mark_get_view_id (mark));
            fascia_csv_append_field (out, is_point ? "" : region);
            append_raw (out, x);
            append_raw (out, y);
            append_raw (out, drawing);
            append_number (out, fascia_pain_mark_get_intensity (mark));
            append_raw (out, type != NULL ? type->value_nick : "");
            fascia_csv_append_field (out, fascia_pain_mark_get_note (mark));
            end_record (out);
            (*n_rows)++;
          }
      }
    }

  return TRUE;
}

/**
 * fascia_csv_export:
 * @atlas: (nullable): names the muscles of treated targets; without it, their ids do
 * @n_rows: (out) (optional): how many rows were written, the header not counted
 *
 * Returns: (transfer full): the file, UTF-8 (with a byte order mark if @flags ask for one), or
 *   %NULL with an error.
 */
GBytes *
fascia_csv_export (FasciaStore          *store,
                   FasciaAtlas          *atlas,
                   FasciaCsvExportKind   kind,
                   FasciaCsvExportFlags  flags,
                   guint                *n_rows,
                   GError              **error)
{
  return fascia_csv_export_full (store, atlas, kind, flags, NULL, NULL, NULL, n_rows, error);
}

/**
 * fascia_csv_export_full:
 * @cancellable: (nullable): stops the export between two clients (%G_IO_ERROR_CANCELLED)
 * @progress: (nullable): told the share of clients done, on the thread that exports
 *
 * As fascia_csv_export(), for a worker that shows how far it is and can be cancelled.
 */
GBytes *
fascia_csv_export_full (FasciaStore              *store,
                        FasciaAtlas              *atlas,
                        FasciaCsvExportKind       kind,
                        FasciaCsvExportFlags      flags,
                        GCancellable             *cancellable,
                        FasciaStoreProgressFunc   progress,
                        gpointer                  progress_data,
                        guint                    *n_rows,
                        GError                  **error)
{
  static const char * const client_columns[] = {
    "id", "name", "email", "phone", "date of birth", "pregnancy", "anticoagulants",
    "osteoporosis", "recent surgery", "red flags", "hip replacement anterior",
    "hip replacement posterior", "abdominal hernia", "smoker", "vascular disease", "cancer",
    "stoma", "endometriosis", "pregnancy trimester", "health notes", "notes", "archived", NULL
  };
  static const char * const visit_columns[] = {
    "client id", "client", "visit id", "date", "pain before", "pain after", "treated",
    "subjective", "objective", "assessment", "plan", NULL
  };
  static const char * const mark_columns[] = {
    "client id", "client", "visit id", "date", "view", "region", "x", "y", "drawing",
    "intensity", "pain type", "note", NULL
  };
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint rows = 0;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clients = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_ARCHIVED, error);
  if (clients == NULL)
    return NULL;

  append_header (out, kind == FASCIA_CSV_EXPORT_CLIENTS ? client_columns
                      : kind == FASCIA_CSV_EXPORT_VISITS ? visit_columns : mark_columns);

  for (guint i = 0, n = g_list_model_get_n_items (clients); i < n; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (progress != NULL)
        progress ((double) i / n, progress_data);

      if (kind == FASCIA_CSV_EXPORT_CLIENTS)
        {
          append_client_row (out, client);
          rows++;
        }
      else if (!append_visit_rows (out, store, atlas, client,
                                   kind == FASCIA_CSV_EXPORT_PAIN_MARKS, &rows, error))
        return NULL;
    }

  if (flags & FASCIA_CSV_EXPORT_BOM)
    g_string_prepend (out, "\xef\xbb\xbf");
  if (n_rows != NULL)
    *n_rows = rows;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
