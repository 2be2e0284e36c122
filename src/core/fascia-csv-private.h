/* fascia-csv-private.h — reading CSV files as other programs write them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fascia/fascia-csv-import.h"

G_BEGIN_DECLS

/* The text encodings a CSV file may come in. */
typedef enum
{
  FASCIA_CSV_ENCODING_UTF8,
  FASCIA_CSV_ENCODING_UTF8_BOM,
  FASCIA_CSV_ENCODING_UTF16LE,
  FASCIA_CSV_ENCODING_UTF16BE,
  FASCIA_CSV_ENCODING_WINDOWS_1252,
} FasciaCsvEncoding;

char             *fascia_csv_decode              (const char         *data,
                                                  gsize               length,
                                                  gsize              *out_length,
                                                  FasciaCsvEncoding  *encoding,
                                                  GError            **error);
char              fascia_csv_detect_separator    (const char         *text,
                                                  gsize               length);
const char       *fascia_csv_encoding_name       (FasciaCsvEncoding   encoding);

/* fascia-csv-import.c: how many times the rows were read for the date order (tests). */
guint             fascia_csv_import_get_n_order_scans (FasciaCsvImport *self);

G_END_DECLS
