/* fascia-csv-import.c — a CSV file of clients, read and mapped to client fields before import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fascia/fascia-csv-import.h"
#include "fascia/fascia-file-utils.h"

#include "fascia-csv-private.h"
#include "fascia-store-private.h"

/*
 * A FasciaCsvImport holds every row of a file in memory (the file is capped in size), with
 * the field each column maps to. The mapping starts from the header, read through a table of
 * the names other programs give their columns, and the user may change it before importing.
 * Nothing here touches the database: fascia_store_import_csv() does, all rows or none.
 */

#define MAX_CSV_SIZE (64 * 1024 * 1024)

struct _FasciaCsvImport
{
  GObject            parent_instance;

  FasciaCsvEncoding  encoding;
  char               separator;
  GStrv              headers;
  FasciaCsvField    *fields;
  guint              n_columns;
  GPtrArray         *rows;      /* of GStrv */
  GArray            *lines;     /* of guint: the line each row starts on */
  FasciaDateOrder    detected_order;
  FasciaDateOrder    date_order;
  /* The order is detected from every row of the date column when first asked for (by the
   * worker that checks or imports a copy), not when the column is mapped, in the window. */
  guint              order_column;  /* n_columns: none */
  gboolean           order_stale;
  guint              n_scans;
};

G_DEFINE_FINAL_TYPE (FasciaCsvImport, fascia_csv_import, G_TYPE_OBJECT)

/* Header names as other programs write them, after folding case and accents and turning
 * `_`, `-` and `.` into spaces. */
static const struct {
  const char     *header;
  FasciaCsvField  field;
} header_names[] = {
  { "name", FASCIA_CSV_FIELD_NAME },
  { "full name", FASCIA_CSV_FIELD_NAME },
  { "client", FASCIA_CSV_FIELD_NAME },
  { "client name", FASCIA_CSV_FIELD_NAME },
  { "patient", FASCIA_CSV_FIELD_NAME },
  { "patient name", FASCIA_CSV_FIELD_NAME },
  { "display name", FASCIA_CSV_FIELD_NAME },
  { "first name", FASCIA_CSV_FIELD_FIRST_NAME },
  { "firstname", FASCIA_CSV_FIELD_FIRST_NAME },
  { "first", FASCIA_CSV_FIELD_FIRST_NAME },
  { "given", FASCIA_CSV_FIELD_FIRST_NAME },
  { "given name", FASCIA_CSV_FIELD_FIRST_NAME },
  { "forename", FASCIA_CSV_FIELD_FIRST_NAME },
  { "last name", FASCIA_CSV_FIELD_LAST_NAME },
  { "lastname", FASCIA_CSV_FIELD_LAST_NAME },
  { "last", FASCIA_CSV_FIELD_LAST_NAME },
  { "family", FASCIA_CSV_FIELD_LAST_NAME },
  { "family name", FASCIA_CSV_FIELD_LAST_NAME },
  { "surname", FASCIA_CSV_FIELD_LAST_NAME },
  { "email", FASCIA_CSV_FIELD_EMAIL },
  { "e mail", FASCIA_CSV_FIELD_EMAIL },
  { "email address", FASCIA_CSV_FIELD_EMAIL },
  { "e mail address", FASCIA_CSV_FIELD_EMAIL },
  { "phone", FASCIA_CSV_FIELD_PHONE },
  { "phone number", FASCIA_CSV_FIELD_PHONE },
  { "telephone", FASCIA_CSV_FIELD_PHONE },
  { "tel", FASCIA_CSV_FIELD_PHONE },
  { "mobile", FASCIA_CSV_FIELD_PHONE },
  { "mobile phone", FASCIA_CSV_FIELD_PHONE },
  { "mobile number", FASCIA_CSV_FIELD_PHONE },
  { "cell", FASCIA_CSV_FIELD_PHONE },
  { "cell phone", FASCIA_CSV_FIELD_PHONE },
  { "date of birth", FASCIA_CSV_FIELD_DATE_OF_BIRTH },
  { "dob", FASCIA_CSV_FIELD_DATE_OF_BIRTH },
  { "d o b", FASCIA_CSV_FIELD_DATE_OF_BIRTH },
  { "birth date", FASCIA_CSV_FIELD_DATE_OF_BIRTH },
  { "birthdate", FASCIA_CSV_FIELD_DATE_OF_BIRTH },
  { "birthday", FASCIA_CSV_FIELD_DATE_OF_BIRTH },
  { "notes", FASCIA_CSV_FIELD_NOTES },
  { "note", FASCIA_CSV_FIELD_NOTES },
  { "comments", FASCIA_CSV_FIELD_NOTES },
  { "health notes", FASCIA_CSV_FIELD_HEALTH_NOTES },
  { "medical notes", FASCIA_CSV_FIELD_HEALTH_NOTES },
  { "medical history", FASCIA_CSV_FIELD_HEALTH_NOTES },
  { "health history", FASCIA_CSV_FIELD_HEALTH_NOTES },
  { "pregnancy", FASCIA_CSV_FIELD_PREGNANCY },
  { "pregnant", FASCIA_CSV_FIELD_PREGNANCY },
  { "anticoagulants", FASCIA_CSV_FIELD_ANTICOAGULANTS },
  { "blood thinners", FASCIA_CSV_FIELD_ANTICOAGULANTS },
  { "osteoporosis", FASCIA_CSV_FIELD_OSTEOPOROSIS },
  { "recent surgery", FASCIA_CSV_FIELD_RECENT_SURGERY },
  { "surgery", FASCIA_CSV_FIELD_RECENT_SURGERY },
  { "red flags", FASCIA_CSV_FIELD_RED_FLAGS },
  { "red flag", FASCIA_CSV_FIELD_RED_FLAGS },
  { "pregnancy trimester", FASCIA_CSV_FIELD_PREGNANCY_TRIMESTER },
  { "trimester", FASCIA_CSV_FIELD_PREGNANCY_TRIMESTER },
  { "hip replacement anterior", FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR },
  { "hip replacement anterior approach", FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR },
  { "anterior hip replacement", FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR },
  { "hip replacement posterior", FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR },
  { "hip replacement posterior approach", FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR },
  { "posterior hip replacement", FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR },
  { "abdominal hernia", FASCIA_CSV_FIELD_ABDOMINAL_HERNIA },
  { "hernia", FASCIA_CSV_FIELD_ABDOMINAL_HERNIA },
  { "smoker", FASCIA_CSV_FIELD_SMOKER },
  { "smoking", FASCIA_CSV_FIELD_SMOKER },
  { "vascular disease", FASCIA_CSV_FIELD_VASCULAR_DISEASE },
  { "aneurysm", FASCIA_CSV_FIELD_VASCULAR_DISEASE },
  { "cancer", FASCIA_CSV_FIELD_CANCER },
  { "stoma", FASCIA_CSV_FIELD_STOMA },
  { "endometriosis", FASCIA_CSV_FIELD_ENDOMETRIOSIS },
};

static const char * const field_labels[FASCIA_CSV_N_FIELDS] = {
  [FASCIA_CSV_FIELD_IGNORE] = "not imported",
  [FASCIA_CSV_FIELD_NAME] = "name",
  [FASCIA_CSV_FIELD_FIRST_NAME] = "first name",
  [FASCIA_CSV_FIELD_LAST_NAME] = "last name",
  [FASCIA_CSV_FIELD_EMAIL] = "email",
  [FASCIA_CSV_FIELD_PHONE] = "phone",
  [FASCIA_CSV_FIELD_DATE_OF_BIRTH] = "date of birth",
  [FASCIA_CSV_FIELD_NOTES] = "notes",
  [FASCIA_CSV_FIELD_HEALTH_NOTES] = "health notes",
  [FASCIA_CSV_FIELD_PREGNANCY] = "pregnancy",
  [FASCIA_CSV_FIELD_ANTICOAGULANTS] = "anticoagulants",
  [FASCIA_CSV_FIELD_OSTEOPOROSIS] = "osteoporosis",
  [FASCIA_CSV_FIELD_RECENT_SURGERY] = "recent surgery",
  [FASCIA_CSV_FIELD_RED_FLAGS] = "red flags",
  [FASCIA_CSV_FIELD_PREGNANCY_TRIMESTER] = "pregnancy trimester",
  [FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR] = "hip replacement anterior",
  [FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR] = "hip replacement posterior",
  [FASCIA_CSV_FIELD_ABDOMINAL_HERNIA] = "abdominal hernia",
  [FASCIA_CSV_FIELD_SMOKER] = "smoker",
  [FASCIA_CSV_FIELD_VASCULAR_DISEASE] = "vascular disease",
  [FASCIA_CSV_FIELD_CANCER] = "cancer",
  [FASCIA_CSV_FIELD_STOMA] = "stoma",
  [FASCIA_CSV_FIELD_ENDOMETRIOSIS] = "endometriosis",
};

/* The intake flag each yes/no field sets. */
static FasciaHealthFlags
flag_of (FasciaCsvField field)
{
  switch (field)
    {
    case FASCIA_CSV_FIELD_PREGNANCY:
      return FASCIA_HEALTH_PREGNANCY;
    case FASCIA_CSV_FIELD_ANTICOAGULANTS:
      return FASCIA_HEALTH_ANTICOAGULANTS;
    case FASCIA_CSV_FIELD_OSTEOPOROSIS:
      return FASCIA_HEALTH_OSTEOPOROSIS;
    case FASCIA_CSV_FIELD_RECENT_SURGERY:
      return FASCIA_HEALTH_RECENT_SURGERY;
    case FASCIA_CSV_FIELD_RED_FLAGS:
      return FASCIA_HEALTH_RED_FLAGS;
    case FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR:
      return FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR;
    case FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR:
      return FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR;
    case FASCIA_CSV_FIELD_ABDOMINAL_HERNIA:
      return FASCIA_HEALTH_ABDOMINAL_HERNIA;
    case FASCIA_CSV_FIELD_SMOKER:
      return FASCIA_HEALTH_SMOKER;
    case FASCIA_CSV_FIELD_VASCULAR_DISEASE:
      return FASCIA_HEALTH_VASCULAR_DISEASE;
    case FASCIA_CSV_FIELD_CANCER:
      return FASCIA_HEALTH_CANCER;
    case FASCIA_CSV_FIELD_STOMA:
      return FASCIA_HEALTH_STOMA;
    case FASCIA_CSV_FIELD_ENDOMETRIOSIS:
      return FASCIA_HEALTH_ENDOMETRIOSIS;
    default:
      return FASCIA_HEALTH_NONE;
    }
}

static void
fascia_csv_import_finalize (GObject *object)
{
  FasciaCsvImport *self = (FasciaCsvImport *) object;

  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->fields, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (fascia_csv_import_parent_class)->finalize (object);
}

static void
fascia_csv_import_class_init (FasciaCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fascia_csv_import_finalize;
}

static void
fascia_csv_import_init (FasciaCsvImport *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

static FasciaCsvField
field_for_header (const char *header)
{
  g_autofree char *folded = fascia_store_fold (header);
  g_autoptr(GString) words = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      char c = strchr ("_-./:*()", *p) != NULL ? ' ' : *p;

      if (c == ' ' && (words->len == 0 || words->str[words->len - 1] == ' '))
        continue;
      g_string_append_c (words, c);
    }
  if (words->len > 0 && words->str[words->len - 1] == ' ')
    g_string_truncate (words, words->len - 1);

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (g_str_equal (words->str, header_names[i].header))
      return header_names[i].field;

  return FASCIA_CSV_FIELD_IGNORE;
}

static gboolean
collect_row_cb (guint         line,
                const char  **fields,
                guint         n_fields,
                gpointer      user_data,
                GError      **error)
{
  FasciaCsvImport *self = user_data;

  if (self->headers == NULL)
    {
      self->headers = g_strdupv ((char **) fields);
      self->n_columns = n_fields;
      return TRUE;
    }

  g_ptr_array_add (self->rows, g_strdupv ((char **) fields));
  g_array_append_val (self->lines, line);
  return TRUE;
}

/* Splits a date into its three numbers; FALSE if it is not three groups of digits. */
static gboolean
split_date (const char *text,
            guint       numbers[3],
            guint       digits[3])
{
  const char *p = text;

  for (guint i = 0; i < 3; i++)
    {
      numbers[i] = 0;
      digits[i] = 0;
      while (g_ascii_isdigit (*p) && digits[i] < 5)
        {
          numbers[i] = numbers[i] * 10 + (*p++ - '0');
          digits[i]++;
        }
      if (digits[i] == 0 || digits[i] > 4)
        return FALSE;
      if (i < 2)
        {
          if (*p != '/' && *p != '-' && *p != '.')
            return FALSE;
          p++;
        }
    }

  return *p == '\0';
}

static void
detect_date_order (FasciaCsvImport *self,
                   guint            column)
{
  guint day_first = 0, month_first = 0, year_first = 0, other = 0;

  self->n_scans++;
  for (guint r = 0; r < self->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (self->rows, r);
      g_autofree char *value = NULL;
      guint numbers[3], digits[3];

      if (column >= g_strv_length (row))
        continue;
      value = g_strstrip (g_strdup (row[column]));
      if (value[0] == '\0' || !split_date (value, numbers, digits))
        continue;

      if (digits[0] == 4)
        year_first++;
      else if (numbers[0] > 12 && numbers[1] <= 12)
        day_first++;
      else if (numbers[1] > 12 && numbers[0] <= 12)
        month_first++;
      else
        other++;
    }

  if (day_first > 0 && month_first == 0)
    self->detected_order = FASCIA_DATE_ORDER_DMY;
  else if (month_first > 0 && day_first == 0)
    self->detected_order = FASCIA_DATE_ORDER_MDY;
  else if (year_first > 0 && day_first == 0 && month_first == 0 && other == 0)
    self->detected_order = FASCIA_DATE_ORDER_YMD;
  else
    self->detected_order = FASCIA_DATE_ORDER_UNKNOWN;
}

/**
 * fascia_csv_import_new:
 * @contents: the file: UTF-8 with or without a byte order mark, UTF-16 or Windows-1252; fields
 *   separated by `,`, `;` or tabs; the first line names the columns
 *
 * Reads every row of @contents and maps its columns by their names.
 *
 * Returns: (transfer full): the rows, or %NULL with %FASCIA_STORE_ERROR_INVALID naming the
 *   line where the file stops being CSV text.
 */
FasciaCsvImport *
fascia_csv_import_new (GBytes  *contents,
                       GError **error)
{
  g_autoptr(FasciaCsvImport) self = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;
  gsize length = 0;
  const char *data;
  FasciaCsvField date_column = FASCIA_CSV_N_FIELDS;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (contents, &size);
  if (size > MAX_CSV_SIZE)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The file is too large to import (%" G_GSIZE_FORMAT " bytes)", size);
      return NULL;
    }

  self = g_object_new (FASCIA_TYPE_CSV_IMPORT, NULL);
  text = fascia_csv_decode (data != NULL ? data : "", size, &length, &self->encoding, error);
  if (text == NULL)
    return NULL;

  self->separator = fascia_csv_detect_separator (text, length);
  if (!fascia_csv_parse_separated (text, length, self->separator, collect_row_cb, self, error))
    return NULL;

  if (self->headers == NULL)
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "line 1: the file is empty; the first line must name the columns");
      return NULL;
    }

  /* The first column of a kind wins; a second "Phone" stays out unless the user maps it. */
  self->fields = g_new0 (FasciaCsvField, self->n_columns);
  for (guint i = 0; i < self->n_columns; i++)
    {
      FasciaCsvField field = field_for_header (self->headers[i]);
      gboolean taken = FALSE;

      for (guint j = 0; j < i; j++)
        taken |= field != FASCIA_CSV_FIELD_IGNORE && self->fields[j] == field;
      self->fields[i] = taken ? FASCIA_CSV_FIELD_IGNORE : field;
      if (self->fields[i] == FASCIA_CSV_FIELD_DATE_OF_BIRTH)
        date_column = i;
    }

  self->order_column = date_column != FASCIA_CSV_N_FIELDS ? date_column : self->n_columns;
  self->order_stale = date_column != FASCIA_CSV_N_FIELDS;

  return g_steal_pointer (&self);
}

const char *
fascia_csv_import_get_encoding (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), NULL);

  return fascia_csv_encoding_name (self->encoding);
}

char
fascia_csv_import_get_separator (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), ',');

  return self->separator;
}

guint
fascia_csv_import_get_n_columns (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), 0);

  return self->n_columns;
}

const char *
fascia_csv_import_get_header (FasciaCsvImport *self,
                              guint            column)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->headers[column];
}

FasciaCsvField
fascia_csv_import_get_field (FasciaCsvImport *self,
                             guint            column)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), FASCIA_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, FASCIA_CSV_FIELD_IGNORE);

  return self->fields[column];
}

/**
 * fascia_csv_import_set_field:
 *
 * Maps @column to @field; a column that held @field before is no longer imported.
 */
void
fascia_csv_import_set_field (FasciaCsvImport *self,
                             guint            column,
                             FasciaCsvField   field)
{
  g_return_if_fail (FASCIA_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < FASCIA_CSV_N_FIELDS);

  if (field != FASCIA_CSV_FIELD_IGNORE)
    for (guint i = 0; i < self->n_columns; i++)
      if (self->fields[i] == field)
        self->fields[i] = FASCIA_CSV_FIELD_IGNORE;

  self->fields[column] = field;
  if (field == FASCIA_CSV_FIELD_DATE_OF_BIRTH)
    {
      self->order_column = column;
      self->order_stale = TRUE;
    }
}

/* The detected order, read from the rows now if the date column changed since. */
static FasciaDateOrder
detected_order (FasciaCsvImport *self)
{
  if (self->order_stale)
    {
      self->order_stale = FALSE;
      detect_date_order (self, self->order_column);
    }
  return self->detected_order;
}

/* How many times the rows were read to detect the date order: for tests. */
guint
fascia_csv_import_get_n_order_scans (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), 0);

  return self->n_scans;
}

/**
 * fascia_csv_import_copy:
 *
 * The same rows with a mapping of their own (the fields and the date order), for a worker to
 * check while @self is changed: the rows, which never change once read, are shared, so a
 * copy costs its columns, not its rows.
 *
 * Returns: (transfer full): the copy
 */
FasciaCsvImport *
fascia_csv_import_copy (FasciaCsvImport *self)
{
  FasciaCsvImport *copy;

  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), NULL);

  copy = g_object_new (FASCIA_TYPE_CSV_IMPORT, NULL);
  copy->encoding = self->encoding;
  copy->separator = self->separator;
  copy->headers = g_strdupv (self->headers);
  copy->fields = g_memdup2 (self->fields, sizeof (FasciaCsvField) * self->n_columns);
  copy->n_columns = self->n_columns;
  g_ptr_array_unref (copy->rows);
  copy->rows = g_ptr_array_ref (self->rows);
  g_array_unref (copy->lines);
  copy->lines = g_array_ref (self->lines);
  copy->detected_order = self->detected_order;
  copy->date_order = self->date_order;
  copy->order_column = self->order_column;
  copy->order_stale = self->order_stale;

  return copy;
}

/**
 * fascia_csv_import_get_ignored:
 *
 * Returns: (transfer full): the headers of the columns that are not imported.
 */
char **
fascia_csv_import_get_ignored (FasciaCsvImport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), NULL);

  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == FASCIA_CSV_FIELD_IGNORE)
      g_strv_builder_add (builder, self->headers[i]);

  return g_strv_builder_end (builder);
}

guint
fascia_csv_import_get_n_rows (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), 0);

  return self->rows->len;
}

guint
fascia_csv_import_get_line (FasciaCsvImport *self,
                            guint            row)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);

  return g_array_index (self->lines, guint, row);
}

/**
 * fascia_csv_import_get_value:
 *
 * Returns: (nullable): the text of @row in @column, or %NULL if the row is short.
 */
const char *
fascia_csv_import_get_value (FasciaCsvImport *self,
                             guint            row,
                             guint            column)
{
  GStrv values;

  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  values = g_ptr_array_index (self->rows, row);
  if (column >= g_strv_length (values))
    return NULL;

  return values[column];
}

/**
 * fascia_csv_import_get_date_order:
 *
 * Returns: the order chosen with fascia_csv_import_set_date_order(), else the one the file's
 *   dates make plain, else %FASCIA_DATE_ORDER_UNKNOWN.
 */
FasciaDateOrder
fascia_csv_import_get_date_order (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), FASCIA_DATE_ORDER_UNKNOWN);

  return self->date_order != FASCIA_DATE_ORDER_UNKNOWN ? self->date_order
                                                        : detected_order (self);
}

FasciaDateOrder
fascia_csv_import_get_detected_date_order (FasciaCsvImport *self)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), FASCIA_DATE_ORDER_UNKNOWN);

  return detected_order (self);
}

void
fascia_csv_import_set_date_order (FasciaCsvImport *self,
                                  FasciaDateOrder  order)
{
  g_return_if_fail (FASCIA_IS_CSV_IMPORT (self));
  g_return_if_fail (order <= FASCIA_DATE_ORDER_YMD);

  self->date_order = order;
}

/**
 * fascia_csv_import_check_columns:
 *
 * Returns: whether the columns name the client: a name column, or first and last names.
 */
gboolean
fascia_csv_import_check_columns (FasciaCsvImport  *self,
                                 GError          **error)
{
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), FALSE);

  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == FASCIA_CSV_FIELD_NAME ||
        self->fields[i] == FASCIA_CSV_FIELD_FIRST_NAME ||
        self->fields[i] == FASCIA_CSV_FIELD_LAST_NAME)
      return TRUE;

  {
    g_autofree char *joined = g_strjoinv (", ", self->headers);
    /* A header of thousands of columns is quoted, not echoed whole. */
    g_autofree char *found = fascia_text_excerpt (joined, -1, FASCIA_EXCERPT_LENGTH);

    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                 "line 1: the first line must name the columns, with one called “name” "
                 "or “first name” and “last name” (found: %s)", found);
  }
  return FALSE;
}

static gboolean
parse_date (const char       *text,
            FasciaDateOrder   order,
            char            **iso,
            GError          **error)
{
  guint n[3], digits[3];
  guint day, month, year;

  if (!split_date (text, n, digits))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s” is not a date of birth (write it as 1980-03-14 or 14/03/1980)",
                   text);
      return FALSE;
    }

  if (digits[0] == 4)
    {
      year = n[0];
      month = n[1];
      day = n[2];
    }
  else if (digits[2] != 4)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s”: write the year of birth with four digits", text);
      return FALSE;
    }
  else
    {
      if (order == FASCIA_DATE_ORDER_UNKNOWN || order == FASCIA_DATE_ORDER_YMD)
        {
          if (n[0] > 12)
            order = FASCIA_DATE_ORDER_DMY;
          else if (n[1] > 12 || n[0] == n[1])
            order = FASCIA_DATE_ORDER_MDY;
          else
            {
              g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "“%s” could be day first or month first: choose the order of "
                           "the dates (dmy or mdy)", text);
              return FALSE;
            }
        }
      day = order == FASCIA_DATE_ORDER_DMY ? n[0] : n[1];
      month = order == FASCIA_DATE_ORDER_DMY ? n[1] : n[0];
      year = n[2];
    }

  if (year < 1800 || year > 9999 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s” is not a date%s", text,
                   order == FASCIA_DATE_ORDER_DMY ? " in day/month/year order"
                   : order == FASCIA_DATE_ORDER_MDY ? " in month/day/year order" : "");
      return FALSE;
    }

  *iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

static gboolean
parse_yes_no (const char *text,
              gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "x", "ja", "oui", "si", "sí",
                                      "✓", "✔", NULL };
  static const char * const no[] = { "no", "n", "false", "0", "", "-", "nein", "non", NULL };
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (g_strv_contains (yes, folded))
    *value = TRUE;
  else if (g_strv_contains (no, folded))
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

/* A pregnancy's trimester: 1, 2 or 3, or none given (empty, 0 or a dash). */
static gboolean
parse_trimester (const char *text,
                 guint      *value)
{
  static const char * const names[][4] = {
    { "", "0", "-", "none" }, { "1", "first", "1st", NULL }, { "2", "second", "2nd", NULL },
    { "3", "third", "3rd", NULL },
  };
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    for (guint i = 0; i < G_N_ELEMENTS (names[t]) && names[t][i] != NULL; i++)
      if (g_str_equal (folded, names[t][i]))
        {
          *value = t;
          return TRUE;
        }

  return FALSE;
}

/**
 * fascia_csv_import_build_client:
 *
 * Returns: (transfer full): the client @row describes, not yet checked against the database,
 *   or %NULL with an error that starts with the row's line (`line 7: …`).
 */
FasciaClient *
fascia_csv_import_build_client (FasciaCsvImport  *self,
                                guint             row,
                                GError          **error)
{
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GStrv values;
  guint n_values;
  guint line;
  FasciaHealthFlags flags = FASCIA_HEALTH_NONE;
  guint trimester = 0;

  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  values = g_ptr_array_index (self->rows, row);
  n_values = g_strv_length (values);
  line = g_array_index (self->lines, guint, row);

  if (n_values != self->n_columns)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "line %u: %u fields, but the first line names %u columns",
                   line, n_values, self->n_columns);
      return NULL;
    }

  client = fascia_client_new ();
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *value = g_strdup (values[i]);
      FasciaCsvField field = self->fields[i];
      g_autofree char *iso = NULL;
      gboolean yes;

      /* Stray spaces from spreadsheets; notes keep theirs. */
      if (field != FASCIA_CSV_FIELD_NOTES && field != FASCIA_CSV_FIELD_HEALTH_NOTES)
        g_strstrip (value);

      switch (field)
        {
        case FASCIA_CSV_FIELD_NAME:
          fascia_client_set_name (client, value);
          break;
        case FASCIA_CSV_FIELD_FIRST_NAME:
          g_free (first);
          first = g_steal_pointer (&value);
          break;
        case FASCIA_CSV_FIELD_LAST_NAME:
          g_free (last);
          last = g_steal_pointer (&value);
          break;
        case FASCIA_CSV_FIELD_EMAIL:
          fascia_client_set_email (client, value);
          break;
        case FASCIA_CSV_FIELD_PHONE:
          fascia_client_set_phone (client, value);
          break;
        case FASCIA_CSV_FIELD_DATE_OF_BIRTH:
          if (value[0] == '\0')
            break;
          if (!parse_date (value, fascia_csv_import_get_date_order (self), &iso, &local_error))
            {
              g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "line %u: %s", line, local_error->message);
              return NULL;
            }
          fascia_client_set_date_of_birth (client, iso);
          break;
        case FASCIA_CSV_FIELD_NOTES:
          fascia_client_set_notes (client, value);
          break;
        case FASCIA_CSV_FIELD_HEALTH_NOTES:
          fascia_client_set_health_notes (client, value);
          break;
        case FASCIA_CSV_FIELD_PREGNANCY:
        case FASCIA_CSV_FIELD_ANTICOAGULANTS:
        case FASCIA_CSV_FIELD_OSTEOPOROSIS:
        case FASCIA_CSV_FIELD_RECENT_SURGERY:
        case FASCIA_CSV_FIELD_RED_FLAGS:
        case FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR:
        case FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR:
        case FASCIA_CSV_FIELD_ABDOMINAL_HERNIA:
        case FASCIA_CSV_FIELD_SMOKER:
        case FASCIA_CSV_FIELD_VASCULAR_DISEASE:
        case FASCIA_CSV_FIELD_CANCER:
        case FASCIA_CSV_FIELD_STOMA:
        case FASCIA_CSV_FIELD_ENDOMETRIOSIS:
          if (!parse_yes_no (value, &yes))
            {
              g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "line %u: “%s” in the %s column is neither yes nor no",
                           line, value, field_labels[field]);
              return NULL;
            }
          if (yes)
            flags |= flag_of (field);
          break;
        case FASCIA_CSV_FIELD_PREGNANCY_TRIMESTER:
          if (!parse_trimester (value, &trimester))
            {
              g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "line %u: “%s” in the %s column is not 1, 2 or 3",
                           line, value, field_labels[field]);
              return NULL;
            }
          break;
        case FASCIA_CSV_FIELD_IGNORE:
        case FASCIA_CSV_N_FIELDS:
        default:
          break;
        }
    }

  if (first != NULL || last != NULL)
    {
      g_autofree char *joined = g_strjoin (" ", first != NULL ? first : "",
                                           last != NULL ? last : "", NULL);

      if (fascia_client_get_name (client)[0] == '\0')
        fascia_client_set_name (client, g_strstrip (joined));
    }

  if (fascia_client_get_name (client)[0] == '\0')
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "line %u: the row has no name", line);
      return NULL;
    }

  /* A trimester is a pregnancy's. */
  if (trimester > 0)
    flags |= FASCIA_HEALTH_PREGNANCY;
  fascia_client_set_health_flags (client, flags);
  fascia_client_set_pregnancy_trimester (client, trimester);
  return g_steal_pointer (&client);
}

const char *
fascia_csv_field_get_label (FasciaCsvField field)
{
  g_return_val_if_fail (field < FASCIA_CSV_N_FIELDS, NULL);

  return field_labels[field];
}

gboolean
fascia_date_order_from_string (const char      *text,
                               FasciaDateOrder *order)
{
  static const char * const names[] = { "auto", "dmy", "mdy", "ymd" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *order = (FasciaDateOrder) i;
        return TRUE;
      }

  return FALSE;
}

gboolean
fascia_duplicates_from_string (const char       *text,
                               FasciaDuplicates *duplicates)
{
  static const char * const names[] = { "skip", "merge", "add" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *duplicates = (FasciaDuplicates) i;
        return TRUE;
      }

  return FALSE;
}
