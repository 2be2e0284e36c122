/* fascia-csv-import.h — a CSV file of clients, read and mapped to client fields before import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-client.h"

G_BEGIN_DECLS

/* What a column of the file holds. */
typedef enum
{
  FASCIA_CSV_FIELD_IGNORE,
  FASCIA_CSV_FIELD_NAME,
  FASCIA_CSV_FIELD_FIRST_NAME,
  FASCIA_CSV_FIELD_LAST_NAME,
  FASCIA_CSV_FIELD_EMAIL,
  FASCIA_CSV_FIELD_PHONE,
  FASCIA_CSV_FIELD_DATE_OF_BIRTH,
  FASCIA_CSV_FIELD_NOTES,
  FASCIA_CSV_FIELD_HEALTH_NOTES,
  FASCIA_CSV_FIELD_PREGNANCY,
  FASCIA_CSV_FIELD_ANTICOAGULANTS,
  FASCIA_CSV_FIELD_OSTEOPOROSIS,
  FASCIA_CSV_FIELD_RECENT_SURGERY,
  FASCIA_CSV_FIELD_RED_FLAGS,
  FASCIA_CSV_FIELD_PREGNANCY_TRIMESTER,
  FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR,
  FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR,
  FASCIA_CSV_FIELD_ABDOMINAL_HERNIA,
  FASCIA_CSV_FIELD_SMOKER,
  FASCIA_CSV_FIELD_VASCULAR_DISEASE,
  FASCIA_CSV_FIELD_CANCER,
  FASCIA_CSV_FIELD_STOMA,
  FASCIA_CSV_FIELD_ENDOMETRIOSIS,
  FASCIA_CSV_N_FIELDS
} FasciaCsvField;

/* The order of day, month and year in dates such as 04/03/1980. */
typedef enum
{
  FASCIA_DATE_ORDER_UNKNOWN,  /* not chosen, and the file does not tell */
  FASCIA_DATE_ORDER_DMY,
  FASCIA_DATE_ORDER_MDY,
  FASCIA_DATE_ORDER_YMD,
} FasciaDateOrder;

/* What to do with a row that names a client already in the database or earlier in the file:
 * the same email address, or the same name and date of birth. */
typedef enum
{
  FASCIA_DUPLICATES_SKIP,   /* keep the client as it is */
  FASCIA_DUPLICATES_MERGE,  /* fill the client's empty fields, add its notes and flags */
  FASCIA_DUPLICATES_ADD,    /* add another client */
} FasciaDuplicates;

/* What an import did, or would do. */
typedef struct
{
  guint n_added;
  guint n_merged;
  guint n_skipped;   /* duplicates left as they were */
  guint n_bad;       /* rows that cannot be imported */
} FasciaCsvImportCounts;

#define FASCIA_TYPE_CSV_IMPORT (fascia_csv_import_get_type ())

G_DECLARE_FINAL_TYPE (FasciaCsvImport, fascia_csv_import, FASCIA, CSV_IMPORT, GObject)

FasciaCsvImport *fascia_csv_import_new             (GBytes           *contents,
                                                    GError          **error);
FasciaCsvImport *fascia_csv_import_copy            (FasciaCsvImport  *self);
const char      *fascia_csv_import_get_encoding    (FasciaCsvImport  *self);
char             fascia_csv_import_get_separator   (FasciaCsvImport  *self);
guint            fascia_csv_import_get_n_columns   (FasciaCsvImport  *self);
const char      *fascia_csv_import_get_header      (FasciaCsvImport  *self,
                                                    guint             column);
FasciaCsvField   fascia_csv_import_get_field       (FasciaCsvImport  *self,
                                                    guint             column);
void             fascia_csv_import_set_field       (FasciaCsvImport  *self,
                                                    guint             column,
                                                    FasciaCsvField    field);
char           **fascia_csv_import_get_ignored     (FasciaCsvImport  *self);
guint            fascia_csv_import_get_n_rows      (FasciaCsvImport  *self);
guint            fascia_csv_import_get_line        (FasciaCsvImport  *self,
                                                    guint             row);
const char      *fascia_csv_import_get_value       (FasciaCsvImport  *self,
                                                    guint             row,
                                                    guint             column);
FasciaDateOrder  fascia_csv_import_get_date_order  (FasciaCsvImport  *self);
FasciaDateOrder  fascia_csv_import_get_detected_date_order (FasciaCsvImport *self);
void             fascia_csv_import_set_date_order  (FasciaCsvImport  *self,
                                                    FasciaDateOrder   order);
gboolean         fascia_csv_import_check_columns   (FasciaCsvImport  *self,
                                                    GError          **error);
FasciaClient    *fascia_csv_import_build_client    (FasciaCsvImport  *self,
                                                    guint             row,
                                                    GError          **error);

const char      *fascia_csv_field_get_label        (FasciaCsvField    field);
gboolean         fascia_date_order_from_string     (const char       *text,
                                                    FasciaDateOrder  *order);
gboolean         fascia_duplicates_from_string     (const char       *text,
                                                    FasciaDuplicates *duplicates);

G_END_DECLS
