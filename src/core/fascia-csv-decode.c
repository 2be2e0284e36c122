/* fascia-csv-decode.c — the encodings and separators of CSV files from other programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <string.h>

#include "fascia-csv-private.h"
#include "fascia-store-private.h"

/*
 * Spreadsheets and practice-management programs save CSV in several ways: UTF-8 with or
 * without a byte order mark, UTF-16 (what "Unicode Text" means in a spreadsheet; little-endian
 * with a mark, as a rule) and, from older Windows programs, Windows-1252. Everything is turned
 * into UTF-8 here, before any row is read. A file with NUL bytes that is not UTF-16 is left as
 * it is, for the parser to refuse at the line the NUL is on.
 */

const char *
fascia_csv_encoding_name (FasciaCsvEncoding encoding)
{
  switch (encoding)
    {
    case FASCIA_CSV_ENCODING_UTF8:
      return "UTF-8";
    case FASCIA_CSV_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case FASCIA_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case FASCIA_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case FASCIA_CSV_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_assert_not_reached ();
    }
}

static guint
line_at (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;

  return line;
}

static char *
copy_text (const char *data,
           gsize       length)
{
  char *copy = g_malloc (length + 1);

  memcpy (copy, data, length);
  copy[length] = '\0';
  return copy;
}

static char *
convert (const char         *data,
         gsize               length,
         const char         *from,
         gsize              *out_length,
         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  char *text;

  text = g_convert (data, length, "UTF-8", from, &bytes_read, out_length, &local_error);
  if (text == NULL)
    {
      /* Count the lines in what did convert, to say where the file goes wrong. */
      g_autofree char *before = g_convert (data, bytes_read, "UTF-8", from, NULL, NULL, NULL);

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "line %u: this is not %s text: %s",
                   before != NULL ? line_at (before, strlen (before)) : 1, from,
                   local_error->message);
    }

  return text;
}

/**
 * fascia_csv_decode:
 * @out_length: (out): the length of the text returned
 * @encoding: (out): what the file was in
 *
 * Returns: (transfer full): the text of the file as UTF-8, without a byte order mark, or
 *   %NULL with an error naming the line where the file stops being text.
 */
char *
fascia_csv_decode (const char         *data,
                   gsize               length,
                   gsize              *out_length,
                   FasciaCsvEncoding  *encoding,
                   GError            **error)
{
  const guchar *u = (const guchar *) data;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *encoding = FASCIA_CSV_ENCODING_UTF8_BOM;
      *out_length = length - 3;
      return copy_text (data + 3, length - 3);
    }

  if (length >= 2 && u[0] == 0xff && u[1] == 0xfe)
    {
      *encoding = FASCIA_CSV_ENCODING_UTF16LE;
      return convert (data + 2, length - 2, "UTF-16LE", out_length, error);
    }
  if (length >= 2 && u[0] == 0xfe && u[1] == 0xff)
    {
      *encoding = FASCIA_CSV_ENCODING_UTF16BE;
      return convert (data + 2, length - 2, "UTF-16BE", out_length, error);
    }

  /* UTF-16 without a mark: a header in ASCII letters has every other byte zero. */
  if (length >= 4 && length % 2 == 0 && u[0] != 0 && u[1] == 0 && u[2] != 0 && u[3] == 0)
    {
      *encoding = FASCIA_CSV_ENCODING_UTF16LE;
      return convert (data, length, "UTF-16LE", out_length, error);
    }
  if (length >= 4 && length % 2 == 0 && u[0] == 0 && u[1] != 0 && u[2] == 0 && u[3] != 0)
    {
      *encoding = FASCIA_CSV_ENCODING_UTF16BE;
      return convert (data, length, "UTF-16BE", out_length, error);
    }

  if (memchr (data, '\0', length) != NULL || g_utf8_validate (data, length, NULL))
    {
      *encoding = FASCIA_CSV_ENCODING_UTF8;
      *out_length = length;
      return copy_text (data, length);
    }

  *encoding = FASCIA_CSV_ENCODING_WINDOWS_1252;
  return convert (data, length, "WINDOWS-1252", out_length, error);
}

/**
 * fascia_csv_detect_separator:
 *
 * Returns: the separator the first record of @text uses most, outside quotes: `,`, `;` or a
 *   tab; `,` when it holds none of them.
 */
char
fascia_csv_detect_separator (const char *text,
                             gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint j = 0; j < G_N_ELEMENTS (candidates); j++)
          if (c == candidates[j])
            counts[j]++;
    }

  for (guint j = 0; j < G_N_ELEMENTS (candidates); j++)
    if (counts[j] > best_count)
      {
        best = candidates[j];
        best_count = counts[j];
      }

  return best;
}
