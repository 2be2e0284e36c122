/* fascia-csv.c — an RFC 4180 reader for client imports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <string.h>

#include "fascia-store-private.h"

/*
 * Fields are separated by commas and records by CRLF or LF. A field in double quotes may
 * hold commas, line breaks and doubled quotes (`""` for `"`). A leading UTF-8 byte order
 * mark is skipped. Line numbers count physical lines from 1, so a record that spans lines
 * is reported at the line it starts on, as a spreadsheet user would look for it.
 *
 * The input must be UTF-8 text: a NUL byte (a binary file) or invalid UTF-8 (a file saved in
 * another encoding) is refused with the line it occurs on, before any row is handed on.
 */

static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;

  return line;
}

static gboolean
parse_error (GError     **error,
             guint        line,
             const char  *message)
{
  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID, "line %u: %s", line,
               message);
  return FALSE;
}

gboolean
fascia_csv_parse (const char        *data,
                  gsize              length,
                  FasciaCsvRowFunc   row_func,
                  gpointer           user_data,
                  GError           **error)
{
  return fascia_csv_parse_separated (data, length, ',', row_func, user_data, error);
}

/* The same, with @separator (`,`, `;` or a tab) between the fields. */
gboolean
fascia_csv_parse_separated (const char        *data,
                            gsize              length,
                            char               separator,
                            FasciaCsvRowFunc   row_func,
                            gpointer           user_data,
                            GError           **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *end = data + length;
  const char *p = data;
  const char *invalid = NULL;
  guint line = 1;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  if (memchr (p, '\0', end - p) != NULL)
    return parse_error (error, line_of (data, memchr (p, '\0', end - p)),
                        "this is not a text file (it holds NUL bytes)");

  if (!g_utf8_validate (p, end - p, &invalid))
    return parse_error (error, line_of (data, invalid),
                        "this is not UTF-8 text; save the file as “CSV UTF-8” and try again");

  while (p < end)
    {
      guint record_line = line;
      gboolean at_end_of_record = FALSE;

      g_ptr_array_set_size (fields, 0);

      while (!at_end_of_record)
        {
          g_string_truncate (field, 0);

          if (p < end && *p == '"')
            {
              guint field_line = line;

              p++;
              for (;;)
                {
                  if (p >= end)
                    return parse_error (error, field_line,
                                        "a quoted field is never closed");
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          g_string_append_c (field, '"');
                          p += 2;
                          continue;
                        }
                      p++;
                      break;
                    }
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p++);
                }

              if (p < end && *p != separator && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')
                  && *p != '\r')
                return parse_error (error, line, "text after the closing quote of a field");
            }
          else
            {
              while (p < end && *p != separator && *p != '\n' && *p != '\r')
                g_string_append_c (field, *p++);
            }

          g_ptr_array_add (fields, g_strndup (field->str, field->len));

          if (p >= end)
            at_end_of_record = TRUE;
          else if (*p == separator)
            p++;
          else
            {
              /* CRLF, LF, or a lone CR (old Mac files). */
              if (*p == '\r')
                p++;
              if (p < end && *p == '\n')
                p++;
              line++;
              at_end_of_record = TRUE;
            }
        }

      /* A blank line (often the last one) is no record. */
      if (fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0')
        continue;

      g_ptr_array_add (fields, NULL);
      if (!row_func (record_line, (const char **) fields->pdata, fields->len - 1, user_data,
                     error))
        return FALSE;
      g_ptr_array_set_size (fields, fields->len - 1);
    }

  return TRUE;
}
