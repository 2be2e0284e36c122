/* fascia-store-journal.c — edits kept on this computer while the clinic server cannot be
 * reached.
 *
 * When a save to the server fails because the server cannot be reached, the editor keeps
 * what was typed on screen and the store keeps the edit here — a SOAP note, a client's
 * details or intake, a plan's fields or targets, a visit's pain scores, findings or
 * body-chart marks: one file per database in the user's data folder,
 * mode 0600, rewritten whole through a fresh temporary file and a rename (never through a
 * link) at each change. When the server is back, fascia_store_replay_journal() saves each
 * edit with the revision its editor had read, so that an edit whose row someone else saved
 * meanwhile comes back as a conflict for the user to choose, and an edit the server already
 * holds (its save reached the server just before the line fell) is not saved a second time.
 * A client, plan, visit, plan target or mark added carries a token made here (a random UUID)
 * in its INSERT and in the journal: the replay asks the server for the row of that token (its
 * add_token, unique, sql/013-add-tokens.sql and sql/014-row-add-tokens.sql) — there, the
 * INSERT sent as the line fell was committed and the row is not added again (a change the
 * user made since is saved to it); not there, it is added with the same token, however alike
 * the rows the server holds. A finding is one row of a muscle and side, set whole (an
 * upsert). An addition kept by a journal of version 2,
 * which had no token, is still looked for as it was then: among the rows of its visit or
 * plan alike it, not below the lowest id it can have (the edit's revision).
 *
 * A row added while the server is away is shown at once, with a provisional id below 0 the
 * journal gives it: a later change of it replaces the addition kept (a SOAP note of a visit
 * added joins the visit's addition), and the removal of a plan target or mark added takes
 * the addition out of the journal, so that it is added once, as the user left it. A row
 * added under a row added meanwhile (a plan of a new client, a visit of a new plan, a mark
 * or finding of a new visit) names its parent by the provisional id: the replay, which saves
 * the edits in the order they were made, adds the parent first and names it by its id on the
 * server in the rows kept under it (in the file too, so that a replay cut short finds it).
 * When the replay has added a row, the provisional id still names it (the editors may hold
 * it): the store saves a change or removal of it, or a row added under it, to the row the
 * server added. The removal of a plan target or mark the server holds is kept as an edit of
 * its own (FASCIA_JOURNAL_REMOVAL), and undoing it before the server is back forgets it.
 *
 * The file: the line "FASCIA-JOURNAL 4", the SHA-256 of the rest in hex on a line of its
 * own, then a GVariant "(sa(uxxussa{sv}))" in normal form: the name of the database the edits
 * belong to, and each edit's kind, row, revision, field, text, token ("" for none) and the
 * row's properties by name (the writable ones but its id, revision and times). A file that
 * breaks any of that, is larger than FASCIA_JOURNAL_MAX_SIZE, holds a value out of range or a
 * property its row has not is refused, named with the reason, and left as it is. A journal of
 * version 3 (laid out alike, but additions of plan targets and marks alone), 2
 * ("(sa(uxxusa{sv}))", no tokens) or 1 (SOAP notes alone, "(sa(xxus))") is read as such; one
 * of a later version is refused as made by a newer Fascia (a Fascia of version 3 would have
 * refused the additions of clients, plans and visits of version 4 as damaged).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-paths.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-client-list.h"
#include "fascia-store-private.h"

#define VERSION     4
#define MAGIC_NAME  "FASCIA-JOURNAL "
#define MAGIC       MAGIC_NAME G_STRINGIFY (VERSION) "\n"
#define HASH_LENGTH 64
#define FORMAT      "(sa(uxxussa{sv}))"
#define FORMAT_V2   "(sa(uxxusa{sv}))"
#define FORMAT_V1   "(sa(xxus))"

struct _FasciaJournal
{
  char   *path;
  char   *database_name;
  GArray *edits;   /* FasciaJournalEdit */
  gboolean replaying;  /* a failed save of the replay is already in the journal */
  gint64 last_provisional;  /* the last provisional id given: never given again */
  GHashTable *saved_as;  /* "kind:provisional id" → the row's id on the server and, for a
                          * client, plan or visit, its revision when the replay saved it
                          * (gint64[2]) */
  guint n_gone;          /* edits a replay found the rows of deleted elsewhere, not yet told */
  GHashTable *dropped;   /* "kind:provisional id" → the addition a removal took out of the
                          * journal (FasciaJournalEdit *), for its undo; "replaced:kind:id" →
                          * the change of a row its kept removal replaced, alike */
  GHashTable *dropped_trees;  /* "kind:provisional id" of a client, plan or visit added → the
                               * edits its removal took out of the journal with it, its own
                               * addition first (GPtrArray of FasciaJournalEdit *), for its
                               * undo */
};

static void
clear_edit (gpointer data)
{
  FasciaJournalEdit *edit = data;

  g_free (edit->text);
  g_free (edit->token);
  g_clear_pointer (&edit->values, g_variant_unref);
}

static void
copy_edit (FasciaJournalEdit       *to,
           const FasciaJournalEdit *from)
{
  *to = *from;
  to->text = g_strdup (from->text);
  to->token = g_strdup (from->token);
  if (from->values != NULL)
    g_variant_ref (from->values);
}

static void
free_edit (gpointer data)
{
  clear_edit (data);
  g_free (data);
}

/* Whether rows of @kind are added while the server is away under a provisional id. */
static gboolean
kind_is_provisional (FasciaJournalKind kind)
{
  return kind == FASCIA_JOURNAL_CLIENT || kind == FASCIA_JOURNAL_PLAN ||
         kind == FASCIA_JOURNAL_VISIT || kind == FASCIA_JOURNAL_PLAN_TARGET ||
         kind == FASCIA_JOURNAL_PAIN_MARK;
}

static char *
provisional_key (FasciaJournalKind kind,
                 gint64            id)
{
  return g_strdup_printf ("%u:%" G_GINT64_FORMAT, kind, id);
}

/* Rows as values */

static GType
kind_type (FasciaJournalKind kind)
{
  switch (kind)
    {
    case FASCIA_JOURNAL_CLIENT: return FASCIA_TYPE_CLIENT;
    case FASCIA_JOURNAL_PLAN: return FASCIA_TYPE_PLAN;
    case FASCIA_JOURNAL_VISIT: return FASCIA_TYPE_VISIT;
    case FASCIA_JOURNAL_PLAN_TARGET: return FASCIA_TYPE_PLAN_TARGET;
    case FASCIA_JOURNAL_PAIN_MARK: return FASCIA_TYPE_PAIN_MARK;
    case FASCIA_JOURNAL_FINDING: return FASCIA_TYPE_FINDING;
    case FASCIA_JOURNAL_NOTE:
    default:
      return G_TYPE_INVALID;
    }
}

/* Whether a row's kind carries a revision its save is guarded by. */
static gboolean
kind_has_revision (FasciaJournalKind kind)
{
  return kind == FASCIA_JOURNAL_NOTE || kind == FASCIA_JOURNAL_CLIENT ||
         kind == FASCIA_JOURNAL_PLAN || kind == FASCIA_JOURNAL_VISIT;
}

/* The properties kept: what the user edits, not the row's identity, revision or times, and
 * not a visit's notes (each is an edit of its own, FASCIA_JOURNAL_NOTE) — but for a visit
 * @added while the server is away, whose notes are saved with it —, nor a target's place in
 * its plan (kept by reordering). */
static gboolean
kept_property (FasciaJournalKind  kind,
               gboolean           added,
               GParamSpec        *pspec)
{
  static const char * const never[] = {
    "id", "revision", "created-at", "updated-at", "updated-by", "position", NULL
  };
  static const char * const notes[] = {
    "subjective", "objective", "assessment", "plan-notes", NULL
  };

  if ((pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
      (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    return FALSE;
  if (g_strv_contains (never, pspec->name))
    return FALSE;
  return kind != FASCIA_JOURNAL_VISIT || added || !g_strv_contains (notes, pspec->name);
}

/* The GVariant type a property is kept as; NULL for one that cannot be. */
static const GVariantType *
value_type (GParamSpec *pspec)
{
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_STRING: return G_VARIANT_TYPE ("ms");
    case G_TYPE_BOOLEAN: return G_VARIANT_TYPE_BOOLEAN;
    case G_TYPE_INT: return G_VARIANT_TYPE_INT32;
    case G_TYPE_UINT: return G_VARIANT_TYPE_UINT32;
    case G_TYPE_INT64: return G_VARIANT_TYPE_INT64;
    case G_TYPE_DOUBLE: return G_VARIANT_TYPE_DOUBLE;
    case G_TYPE_ENUM: return G_VARIANT_TYPE_INT32;
    case G_TYPE_FLAGS: return G_VARIANT_TYPE_UINT32;
    case G_TYPE_VARIANT: return G_VARIANT_TYPE ("mv");
    case G_TYPE_BOXED:
      if (pspec->value_type == G_TYPE_STRV)
        return G_VARIANT_TYPE ("mas");
      if (pspec->value_type == G_TYPE_DATE_TIME)
        return G_VARIANT_TYPE ("mx");
      return NULL;
    default:
      return NULL;
    }
}

static GVariant *
variant_of_value (GParamSpec   *pspec,
                  const GValue *value)
{
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_STRING:
      return g_variant_new_maybe (G_VARIANT_TYPE_STRING, g_value_get_string (value) != NULL
                                  ? g_variant_new_string (g_value_get_string (value)) : NULL);
    case G_TYPE_BOOLEAN: return g_variant_new_boolean (g_value_get_boolean (value));
    case G_TYPE_INT: return g_variant_new_int32 (g_value_get_int (value));
    case G_TYPE_UINT: return g_variant_new_uint32 (g_value_get_uint (value));
    case G_TYPE_INT64: return g_variant_new_int64 (g_value_get_int64 (value));
    case G_TYPE_DOUBLE: return g_variant_new_double (g_value_get_double (value));
    case G_TYPE_ENUM: return g_variant_new_int32 (g_value_get_enum (value));
    case G_TYPE_FLAGS: return g_variant_new_uint32 (g_value_get_flags (value));
    case G_TYPE_VARIANT:
      return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, g_value_get_variant (value) != NULL
                                  ? g_variant_new_variant (g_value_get_variant (value)) : NULL);
    default:
      break;
    }

  if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      return g_variant_new_maybe (G_VARIANT_TYPE_STRING_ARRAY, strv != NULL
                                  ? g_variant_new_strv (strv, -1) : NULL);
    }
  else
    {
      GDateTime *dt = g_value_get_boxed (value);

      return g_variant_new_maybe (G_VARIANT_TYPE_INT64, dt != NULL
                                  ? g_variant_new_int64 (g_date_time_to_unix (dt) * G_USEC_PER_SEC
                                                         + g_date_time_get_microsecond (dt))
                                  : NULL);
    }
}

/* @variant (of value_type()) into @value (initialized to the property's type); FALSE where
 * it is out of the property's range or not text. */
static gboolean
value_of_variant (GParamSpec *pspec,
                  GVariant   *variant,
                  GValue     *value)
{
  g_autoptr(GVariant) inner = NULL;

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_MAYBE))
    inner = g_variant_get_maybe (variant);

  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_STRING:
      if (inner != NULL)
        {
          const char *text = g_variant_get_string (inner, NULL);

          if (strlen (text) > FASCIA_STORE_MAX_NOTE || !g_utf8_validate (text, -1, NULL))
            return FALSE;
          g_value_set_string (value, text);
        }
      break;
    case G_TYPE_BOOLEAN: g_value_set_boolean (value, g_variant_get_boolean (variant)); break;
    case G_TYPE_INT: g_value_set_int (value, g_variant_get_int32 (variant)); break;
    case G_TYPE_UINT: g_value_set_uint (value, g_variant_get_uint32 (variant)); break;
    case G_TYPE_INT64: g_value_set_int64 (value, g_variant_get_int64 (variant)); break;
    case G_TYPE_DOUBLE: g_value_set_double (value, g_variant_get_double (variant)); break;
    case G_TYPE_ENUM: g_value_set_enum (value, g_variant_get_int32 (variant)); break;
    case G_TYPE_FLAGS: g_value_set_flags (value, g_variant_get_uint32 (variant)); break;
    case G_TYPE_VARIANT:
      if (inner != NULL)
        g_value_take_variant (value, g_variant_get_variant (inner));
      break;
    default:
      if (pspec->value_type == G_TYPE_STRV)
        {
          if (inner != NULL)
            {
              g_autofree const char **strv = g_variant_get_strv (inner, NULL);

              for (guint i = 0; strv[i] != NULL; i++)
                if (!g_utf8_validate (strv[i], -1, NULL) || strlen (strv[i]) > 256)
                  return FALSE;
              g_value_set_boxed (value, strv);
            }
        }
      else if (inner != NULL)
        {
          gint64 usec = g_variant_get_int64 (inner);
          g_autoptr(GDateTime) dt = NULL;

          if (usec < 0 || usec > G_GINT64_CONSTANT (253402300799999999))
            return FALSE;
          dt = fascia_store_datetime_from_usec (usec);
          if (dt == NULL)
            return FALSE;
          g_value_set_boxed (value, dt);
        }
      break;
    }

  /* Out of range (a crafted file): refused rather than clamped. */
  return !g_param_value_validate (pspec, value);
}

/* The kept properties of @row (@added: while the server was away), as a{sv}. */
static GVariant *
values_of_row (FasciaJournalKind  kind,
               gboolean           added,
               GObject           *row)
{
  GVariantBuilder builder;
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  /* A mark on a region has no point: the database keeps none, and none is compared. */
  gboolean region = kind == FASCIA_JOURNAL_PAIN_MARK &&
                    fascia_pain_mark_get_region_id (FASCIA_PAIN_MARK (row))[0] != '\0';

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (row), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!kept_property (kind, added, pspecs[i]) || value_type (pspecs[i]) == NULL)
        continue;
      if (region && (g_str_equal (pspecs[i]->name, "x") || g_str_equal (pspecs[i]->name, "y")))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (row, pspecs[i]->name, &value);
      g_variant_builder_add (&builder, "{sv}", pspecs[i]->name,
                             variant_of_value (pspecs[i], &value));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Checks each of @values against @row's properties and, with @set, sets it: called once
 * without @set first, so that nothing is set when one is wrong. */
static gboolean
apply_values (FasciaJournalKind   kind,
              gboolean            added,
              GVariant           *values,
              GObject            *row,
              gboolean            set)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (row);
  GVariantIter iter;
  const char *name;
  GVariant *variant;

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &variant))
    {
      GParamSpec *pspec = g_object_class_find_property (klass, name);
      g_auto(GValue) value = G_VALUE_INIT;
      const GVariantType *type;

      if (pspec == NULL || !kept_property (kind, added, pspec) ||
          (type = value_type (pspec)) == NULL || !g_variant_is_of_type (variant, type))
        {
          g_variant_unref (variant);
          return FALSE;
        }
      g_value_init (&value, pspec->value_type);
      if (!value_of_variant (pspec, variant, &value))
        {
          g_variant_unref (variant);
          return FALSE;
        }
      if (set)
        g_object_set_property (row, name, &value);
    }
  return TRUE;
}

/**
 * fascia_journal_apply:
 * @row: a row of the edit's kind (as it is on the server, for "keep mine" after a conflict)
 *
 * Sets what the user left in @edit on @row: its text for a note, its properties else.
 *
 * Returns: %FALSE with @error when @row is not of the edit's kind.
 */
gboolean
fascia_journal_apply (const FasciaJournalEdit  *edit,
                      GObject                  *row,
                      GError                  **error)
{
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (G_IS_OBJECT (row), FALSE);

  if (edit->kind == FASCIA_JOURNAL_NOTE && FASCIA_IS_VISIT (row))
    {
      fascia_visit_set_field (FASCIA_VISIT (row), edit->field, edit->text);
      return TRUE;
    }
  if (edit->kind != FASCIA_JOURNAL_NOTE && G_OBJECT_TYPE (row) == kind_type (edit->kind) &&
      apply_values (edit->kind, edit->id < 0, edit->values, row, FALSE))
    {
      /* Checked above: this sets every value. */
      apply_values (edit->kind, edit->id < 0, edit->values, row, TRUE);
      return TRUE;
    }

  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
               "The unsaved edit does not fit a %s", G_OBJECT_TYPE_NAME (row));
  return FALSE;
}

/* Whether @row holds every value of @values. */
static gboolean
row_holds (FasciaJournalKind  kind,
           gboolean           added,
           GObject           *row,
           GVariant          *values)
{
  g_autoptr(GVariant) now = values_of_row (kind, added, row);
  GVariantIter iter;
  const char *name;
  GVariant *variant;

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &variant))
    {
      g_autoptr(GVariant) held = g_variant_lookup_value (now, name, NULL);

      if (held == NULL || !g_variant_equal (held, variant))
        {
          g_variant_unref (variant);
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
values_int64 (GVariant   *values,
              const char *name)
{
  gint64 n = 0;

  g_variant_lookup (values, name, "x", &n);
  return n;
}

static FasciaJournal *
journal_new (const char *path,
             const char *database_name)
{
  FasciaJournal *self = g_new0 (FasciaJournal, 1);

  self->path = g_strdup (path);
  self->database_name = g_strdup (database_name);
  self->edits = g_array_new (FALSE, TRUE, sizeof (FasciaJournalEdit));
  g_array_set_clear_func (self->edits, clear_edit);
  self->saved_as = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dropped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_edit);
  self->dropped_trees = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  return self;
}

void
fascia_journal_free (FasciaJournal *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->edits);
  g_hash_table_unref (self->saved_as);
  g_hash_table_unref (self->dropped);
  g_hash_table_unref (self->dropped_trees);
  g_free (self->database_name);
  g_free (self->path);
  g_free (self);
}

/**
 * fascia_journal_default_path:
 * @database_name: the database as its connection names it (a file's path; a server's
 *   database and host, never its password)
 *
 * Returns: (transfer full): the journal of @database_name in the user's data folder, named
 *   by a digest of the database's name.
 */
char *
fascia_journal_default_path (const char *database_name)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, database_name, -1);
  g_autofree char *name = g_strdup_printf ("%.32s.journal", digest);

  return g_build_filename (g_get_user_data_dir (), "fascia", "journal", name, NULL);
}

static gboolean
refuse (const char  *path,
        const char  *reason,
        GError     **error)
{
  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT,
               "The journal of unsaved edits “%s” is refused and left as it is: %s",
               path, reason);
  return FALSE;
}

/* What makes two edits one (a later one replaces the earlier); NULL for a row added without
 * a provisional id (a journal of before), each of which is an edit of its own. */
static char *
edit_key (const FasciaJournalEdit *edit)
{
  if (edit->kind == FASCIA_JOURNAL_NOTE)
    return g_strdup_printf ("n:%" G_GINT64_FORMAT ":%u", edit->id, edit->field);
  if (edit->kind == FASCIA_JOURNAL_FINDING)
    {
      const char *muscle = "";
      gint32 side = 0;

      g_variant_lookup (edit->values, "muscle-id", "m&s", &muscle);
      g_variant_lookup (edit->values, "side", "i", &side);
      return g_strdup_printf ("f:%" G_GINT64_FORMAT ":%s:%d",
                              values_int64 (edit->values, "visit-id"), muscle ? muscle : "",
                              side);
    }
  if (edit->kind == FASCIA_JOURNAL_REMOVAL)
    return g_strdup_printf ("d:%u:%" G_GINT64_FORMAT, edit->field, edit->id);
  if (edit->id != 0)
    return g_strdup_printf ("r:%u:%" G_GINT64_FORMAT, edit->kind, edit->id);
  return NULL;
}

/* Why @edit cannot be an edit of a journal, or NULL. */
static const char *
check_edit (const FasciaJournalEdit *edit)
{
  if (edit->kind > FASCIA_JOURNAL_LAST_KIND)
    return "an edit is of no kind Fascia knows";
  if (strlen (edit->text) > FASCIA_STORE_MAX_NOTE || !g_utf8_validate (edit->text, -1, NULL))
    return "an edit's text is too long or not text";

  if (edit->token != NULL &&
      (!kind_is_provisional (edit->kind) || edit->id >= 0 || edit->revision != 0 ||
       !g_uuid_string_is_valid (edit->token)))
    return "an edit's token is not a token of a row added";
  /* A client, plan or visit added has been kept with a token since it could be. */
  if (kind_has_revision (edit->kind) && edit->kind != FASCIA_JOURNAL_NOTE && edit->id < 0 &&
      (edit->token == NULL || edit->revision != 0))
    return "an edit's token is not a token of a row added";

  if (edit->kind == FASCIA_JOURNAL_NOTE)
    {
      if (edit->id <= 0 || edit->revision <= 0 || edit->field > FASCIA_VISIT_FIELD_PLAN_NOTES)
        return "an edit names no visit or field";
      return NULL;
    }

  if (edit->kind == FASCIA_JOURNAL_REMOVAL)
    {
      if (edit->id <= 0 || edit->revision != 0 || edit->text[0] != '\0' ||
          (edit->field != (FasciaVisitField) FASCIA_STORE_TABLE_PLAN_TARGETS &&
           edit->field != (FasciaVisitField) FASCIA_STORE_TABLE_PAIN_MARKS) ||
          edit->values == NULL || g_variant_n_children (edit->values) != 0)
        return "a removal names no plan target or mark";
      return NULL;
    }

  if ((edit->id < 0 && !kind_is_provisional (edit->kind)) ||
      edit->field != 0 || edit->text[0] != '\0' ||
      (kind_has_revision (edit->kind) && edit->id >= 0 &&
       (edit->id == 0 || edit->revision <= 0)) ||
      (!kind_has_revision (edit->kind) && edit->id >= 0 && edit->revision != 0) ||
      (edit->id < 0 && edit->revision < 0) ||
      (edit->kind == FASCIA_JOURNAL_FINDING && edit->id != 0))
    return "an edit names no row";

  {
    g_autoptr(GObject) row = g_object_new (kind_type (edit->kind), NULL);

    if (!apply_values (edit->kind, edit->id < 0, edit->values, row, FALSE))
      return "an edit holds a value its row has not";
  }
  return NULL;
}

/* The version the first line of @data names ("FASCIA-JOURNAL N"), and the length of that
 * line; 0 when it is not such a line. */
static guint
magic_version (const char *data,
               gsize       size,
               gsize      *line_length)
{
  gsize name_length = strlen (MAGIC_NAME);
  const char *end;
  g_autofree char *digits = NULL;
  guint64 version = 0;

  if (size < name_length || memcmp (data, MAGIC_NAME, name_length) != 0)
    return 0;
  end = memchr (data + name_length, '\n', MIN (size - name_length, 11));
  if (end == NULL || end == data + name_length || data[name_length] == '0')
    return 0;
  digits = g_strndup (data + name_length, end - (data + name_length));
  if (strspn (digits, "0123456789") != strlen (digits) ||
      !g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT, &version, NULL))
    return 0;

  *line_length = end - data + 1;
  return (guint) version;
}

static gboolean
parse (FasciaJournal  *self,
       GBytes         *bytes,
       GError        **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize magic_length = 0;
  guint version = magic_version (data, size, &magic_length);
  gsize header = magic_length + HASH_LENGTH + 1;
  g_autofree char *digest = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) entries = NULL;
  g_autoptr(GHashTable) seen = NULL;
  const char *name;
  gsize n;

  /* Told before anything else of it is read: a later version may be laid out otherwise. */
  if (version > VERSION)
    {
      g_autofree char *reason =
        g_strdup_printf ("it was made by a newer Fascia (journal version %u; this one reads "
                         "versions 1 to %u), which can save its edits", version, VERSION);

      return refuse (self->path, reason, error);
    }
  if (version == 0 || size < header)
    return refuse (self->path, "it is not a Fascia journal", error);
  if (data[header - 1] != '\n')
    return refuse (self->path, "its checksum line is damaged", error);

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data + header,
                                        size - header);
  if (strncmp (digest, data + magic_length, HASH_LENGTH) != 0)
    return refuse (self->path, "its checksum does not match (damaged or cut short)", error);

  payload = g_bytes_new_from_bytes (bytes, header, size - header);
  root = g_variant_new_from_bytes (G_VARIANT_TYPE (version == 1 ? FORMAT_V1
                                                   : version == 2 ? FORMAT_V2 : FORMAT),
                                   payload, FALSE);
  g_variant_ref_sink (root);
  if (!g_variant_is_normal_form (root))
    return refuse (self->path, "its edits are not well formed", error);

  g_variant_get_child (root, 0, "&s", &name);
  entries = g_variant_get_child_value (root, 1);
  if (g_strcmp0 (name, self->database_name) != 0)
    return refuse (self->path, "it belongs to another database", error);

  n = g_variant_n_children (entries);
  if (n > FASCIA_JOURNAL_MAX_EDITS)
    return refuse (self->path, "it holds more edits than a journal may", error);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (gsize i = 0; i < n; i++)
    {
      FasciaJournalEdit edit = { 0 };
      g_autofree char *key = NULL;
      const char *text;
      const char *token = "";
      const char *reason;
      guint32 kind = FASCIA_JOURNAL_NOTE;
      guint32 field;

      if (version == 1)
        g_variant_get_child (entries, i, "(xxu&s)", &edit.id, &edit.revision, &field, &text);
      else if (version == 2)
        g_variant_get_child (entries, i, "(uxxu&s@a{sv})", &kind, &edit.id, &edit.revision,
                             &field, &text, &edit.values);
      else
        g_variant_get_child (entries, i, "(uxxu&s&s@a{sv})", &kind, &edit.id, &edit.revision,
                             &field, &text, &token, &edit.values);
      edit.kind = kind;
      edit.field = field;
      edit.text = (char *) text;
      edit.token = token[0] != '\0' ? (char *) token : NULL;
      if (edit.values == NULL)
        edit.values = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      /* Checked with a field in range: the enum's own range is narrower than a guint32. */
      reason = field > FASCIA_VISIT_FIELD_PLAN_NOTES && kind == FASCIA_JOURNAL_NOTE
               ? "an edit names no visit or field" : check_edit (&edit);
      if (reason != NULL)
        {
          g_variant_unref (edit.values);
          return refuse (self->path, reason, error);
        }
      key = edit_key (&edit);
      if (key != NULL && !g_hash_table_add (seen, g_steal_pointer (&key)))
        {
          g_variant_unref (edit.values);
          return refuse (self->path, "it holds the same edit twice", error);
        }

      edit.text = g_strdup (text);
      edit.token = g_strdup (edit.token);
      if (edit.kind == FASCIA_JOURNAL_NOTE)
        g_clear_pointer (&edit.values, g_variant_unref);
      if (edit.kind != FASCIA_JOURNAL_REMOVAL)
        self->last_provisional = MIN (self->last_provisional, edit.id);
      g_array_append_val (self->edits, edit);
    }

  return TRUE;
}

/**
 * fascia_journal_open:
 * @path: the journal file (fascia_journal_default_path())
 * @database_name: the database its edits belong to
 *
 * Reads the journal of unsaved edits, verified, or starts an empty one where there is no
 * file. Nothing is written until an edit is put.
 *
 * Returns: (transfer full): the journal, or %NULL with %FASCIA_STORE_ERROR_CORRUPT naming the
 *   file and the reason when it is refused (left as it is), or the error reading it.
 */
FasciaJournal *
fascia_journal_open (const char  *path,
                     const char  *database_name,
                     GError     **error)
{
  g_autoptr(FasciaJournal) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (database_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = journal_new (path, database_name);

  if (g_lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return g_steal_pointer (&self);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not read the journal of unsaved edits “%s”: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      refuse (path, "it is not a plain file", error);
      return NULL;
    }
  if (st.st_size > FASCIA_JOURNAL_MAX_SIZE)
    {
      refuse (path, "it is larger than a journal may be", error);
      return NULL;
    }

  bytes = fascia_file_read_bounded (path, FASCIA_JOURNAL_MAX_SIZE, &local_error);
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!parse (self, bytes, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fascia_store_open_journal:
 *
 * Opens the journal of the database @store has open, at fascia_journal_default_path().
 *
 * Returns: (transfer full): the journal, or %NULL with the error of fascia_journal_open().
 */
FasciaJournal *
fascia_store_open_journal (FasciaStore  *store,
                           GError      **error)
{
  const char *name;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);

  name = fascia_db_get_name (fascia_store_get_db (store));
  path = fascia_journal_default_path (name);
  return fascia_journal_open (path, name, error);
}

/**
 * fascia_journal_take_n_gone:
 *
 * Returns: how many edits the replays since the last call did not save because what they
 *   changed was deleted by someone else meanwhile (and purged, for a row added as the line
 *   fell): the window tells the user, once.
 */
guint
fascia_journal_take_n_gone (FasciaJournal *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  n = self->n_gone;
  self->n_gone = 0;
  return n;
}

const char *
fascia_journal_get_path (FasciaJournal *self)
{
  return self->path;
}

guint
fascia_journal_get_n_edits (FasciaJournal *self)
{
  return self->edits->len;
}

const FasciaJournalEdit *
fascia_journal_get_edit (FasciaJournal *self,
                         guint          index)
{
  g_return_val_if_fail (index < self->edits->len, NULL);

  return &g_array_index (self->edits, FasciaJournalEdit, index);
}

static int
find_key (FasciaJournal *self,
          const char    *key)
{
  if (key == NULL)
    return -1;

  for (guint i = 0; i < self->edits->len; i++)
    {
      g_autofree char *other = edit_key (&g_array_index (self->edits, FasciaJournalEdit, i));

      if (g_strcmp0 (other, key) == 0)
        return (int) i;
    }
  return -1;
}

static int
find (FasciaJournal    *self,
      gint64            visit_id,
      FasciaVisitField  field)
{
  FasciaJournalEdit note = { visit_id, 0, field, (char *) "", FASCIA_JOURNAL_NOTE, NULL };
  g_autofree char *key = edit_key (&note);

  return find_key (self, key);
}

/* The unsaved edit of @field of a visit, or %NULL. */
const FasciaJournalEdit *
fascia_journal_lookup (FasciaJournal    *self,
                       gint64            visit_id,
                       FasciaVisitField  field)
{
  int i = find (self, visit_id, field);

  return i >= 0 ? fascia_journal_get_edit (self, i) : NULL;
}

/* Writes the journal whole, or removes its file when it holds nothing. */
static gboolean
write_out (FasciaJournal  *self,
           GError        **error)
{
  g_autoptr(GVariantBuilder) builder = NULL;
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GString) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *digest = NULL;
  gsize size;

  if (self->edits->len == 0)
    {
      if (g_unlink (self->path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not remove the journal of unsaved edits “%s”: %s", self->path,
                       g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  builder = g_variant_builder_new (G_VARIANT_TYPE ("a(uxxussa{sv})"));
  for (guint i = 0; i < self->edits->len; i++)
    {
      FasciaJournalEdit *edit = &g_array_index (self->edits, FasciaJournalEdit, i);

      g_variant_builder_add (builder, "(uxxuss@a{sv})", (guint32) edit->kind, edit->id,
                             edit->revision, (guint32) edit->field, edit->text,
                             edit->token != NULL ? edit->token : "",
                             edit->values != NULL ? edit->values
                             : g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
    }
  root = g_variant_ref_sink (g_variant_new (FORMAT, self->database_name, builder));
  size = g_variant_get_size (root);
  if (size + strlen (MAGIC) + HASH_LENGTH + 1 > FASCIA_JOURNAL_MAX_SIZE)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The unsaved edits are too large for the journal “%s”", self->path);
      return FALSE;
    }

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, g_variant_get_data (root), size);
  file = g_string_sized_new (size + 128);
  g_string_append (file, MAGIC);
  g_string_append (file, digest);
  g_string_append_c (file, '\n');
  g_string_append_len (file, g_variant_get_data (root), size);

  dir = g_path_get_dirname (self->path);
  if (!fascia_paths_ensure_private_dir (dir, error))
    return FALSE;

  return fascia_file_write_contents (self->path, file->str, file->len,
                                     FASCIA_FILE_WRITE_PRIVATE, error);
}

/* Keeps @edit (taken), replacing the earlier one of the same key, and writes the journal. On
 * failure nothing changes, in memory or on disk. */
static gboolean
put_edit (FasciaJournal      *self,
          FasciaJournalEdit  *edit,
          GError            **error)
{
  g_autofree char *key = edit_key (edit);
  FasciaJournalEdit old = { 0 };
  int i = find_key (self, key);

  if (i < 0 && self->edits->len >= FASCIA_JOURNAL_MAX_EDITS)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The journal “%s” holds as many unsaved edits as it may", self->path);
      clear_edit (edit);
      return FALSE;
    }

  if (i < 0)
    g_array_append_val (self->edits, *edit);
  else
    {
      old = g_array_index (self->edits, FasciaJournalEdit, i);
      /* A change of a row added replaces its addition, which keeps the token its INSERT
       * was sent with: the row the server may hold already. */
      if (edit->token == NULL && old.token != NULL && edit->id < 0 &&
          kind_is_provisional (edit->kind))
        {
          edit->token = g_strdup (old.token);
          edit->revision = 0;
        }
      g_array_index (self->edits, FasciaJournalEdit, i) = *edit;
    }

  if (!write_out (self, error))
    {
      if (i < 0)
        g_array_remove_index (self->edits, self->edits->len - 1);
      else
        {
          clear_edit (edit);
          g_array_index (self->edits, FasciaJournalEdit, i) = old;
        }
      return FALSE;
    }

  clear_edit (&old);
  return TRUE;
}

/**
 * fascia_journal_put:
 * @revision: the revision of the visit its editor read
 *
 * Keeps the unsaved @text of @field, replacing an earlier one of the same field, and writes
 * the journal. On failure nothing changes, in memory or on disk.
 */
gboolean
fascia_journal_put (FasciaJournal     *self,
                    gint64             visit_id,
                    gint64             revision,
                    FasciaVisitField   field,
                    const char        *text,
                    GError           **error)
{
  FasciaJournalEdit edit = { visit_id, revision, field, NULL, FASCIA_JOURNAL_NOTE, NULL };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (visit_id > 0 && revision > 0, FALSE);
  g_return_val_if_fail (field <= FASCIA_VISIT_FIELD_PLAN_NOTES, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!fascia_store_check_text (text, FASCIA_STORE_MAX_NOTE, "note", error))
    return FALSE;

  edit.text = g_strdup (text);
  return put_edit (self, &edit, error);
}

/**
 * fascia_journal_put_row:
 * @kind: what @row is and what its save does (not %FASCIA_JOURNAL_NOTE)
 * @row: the row as the user left it: a #FasciaClient, #FasciaPlan, #FasciaVisit,
 *   #FasciaPlanTarget, #FasciaPainMark (with no id when it is to be added) or #FasciaFinding
 * @revision: for a client, plan or visit, the revision its editor read
 *
 * Keeps the unsaved edit of a row, replacing an earlier one of the same row, and writes the
 * journal. On failure nothing changes, in memory or on disk.
 */
static gboolean
put_row (FasciaJournal      *self,
         FasciaJournalKind   kind,
         GObject            *row,
         gint64              revision,
         const char         *token,
         GError            **error)
{
  FasciaJournalEdit edit = { 0, 0, 0, NULL, kind, NULL, NULL };
  const char *reason;

  if (kind != FASCIA_JOURNAL_FINDING)
    g_object_get (row, "id", &edit.id, NULL);
  /* A change of a row added replaces its addition, and keeps the token its INSERT was sent
   * with: the row the server may hold already. */
  if (edit.id < 0 && token == NULL)
    {
      FasciaJournalEdit probe = { edit.id, 0, 0, (char *) "", kind, NULL, NULL };
      g_autofree char *key = edit_key (&probe);
      int i = find_key (self, key);

      if (i >= 0)
        token = g_array_index (self->edits, FasciaJournalEdit, i).token;
    }
  /* A row added (provisional id): its token, or without one the lowest id it can have on
   * the server. */
  if (edit.id < 0)
    edit.revision = token == NULL && !kind_has_revision (kind) ? revision : 0;
  else
    edit.revision = kind_has_revision (kind) ? revision : 0;
  edit.token = edit.id < 0 ? g_strdup (token) : NULL;
  edit.text = g_strdup ("");
  edit.values = values_of_row (kind, edit.id < 0, row);

  reason = check_edit (&edit);
  if (reason != NULL)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The unsaved edit cannot be kept in the journal “%s”: %s", self->path,
                   reason);
      clear_edit (&edit);
      return FALSE;
    }

  return put_edit (self, &edit, error);
}

gboolean
fascia_journal_put_row (FasciaJournal      *self,
                        FasciaJournalKind   kind,
                        GObject            *row,
                        gint64              revision,
                        GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind != FASCIA_JOURNAL_NOTE && kind <= FASCIA_JOURNAL_LAST_KIND, FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (row) == kind_type (kind), FALSE);

  return put_row (self, kind, row, revision, NULL, error);
}

static gboolean
remove_at (FasciaJournal  *self,
           int             i,
           GError        **error)
{
  FasciaJournalEdit kept;

  if (i < 0)
    return TRUE;

  copy_edit (&kept, &g_array_index (self->edits, FasciaJournalEdit, i));
  g_array_remove_index (self->edits, i);
  if (!write_out (self, error))
    {
      g_array_insert_val (self->edits, i, kept);
      return FALSE;
    }

  clear_edit (&kept);
  return TRUE;
}

/* Forgets the edit of @field of a visit (saved, or given up by the user) and writes the
 * journal; %TRUE if there was none. */
gboolean
fascia_journal_remove (FasciaJournal     *self,
                       gint64             visit_id,
                       FasciaVisitField   field,
                       GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return remove_at (self, find (self, visit_id, field), error);
}

/* Forgets the edit like @edit (one of the journal's, or a copy of one): saved, or given up by
 * the user. %TRUE if there was none. */
gboolean
fascia_journal_remove_edit (FasciaJournal            *self,
                            const FasciaJournalEdit  *edit,
                            GError                  **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  key = edit_key (edit);
  if (key != NULL)
    return remove_at (self, find_key (self, key), error);

  /* A row added: the same values. */
  for (guint i = 0; i < self->edits->len; i++)
    {
      FasciaJournalEdit *other = &g_array_index (self->edits, FasciaJournalEdit, i);

      if (other->kind == edit->kind && other->id == 0 && other->values != NULL &&
          edit->values != NULL && g_variant_equal (other->values, edit->values))
        return remove_at (self, (int) i, error);
    }
  return TRUE;
}

/* Saves that fail */

/**
 * fascia_store_keep_in_journal:
 * @row: the row as the failed save was given it
 * @revision: the revision its editor read (kept before the save changed it)
 * @token: (nullable): for a plan target or mark added, the token its INSERT carried
 * @failure: why the save failed: only %FASCIA_STORE_ERROR_IO (the server cannot be reached)
 *   keeps the edit, and its message then says so
 *
 * Keeps the edit of a row whose save failed in the store's journal, if it has one. A plan
 * target or mark added is given a provisional id, below 0, by which the editor shows it and
 * changes or removes it until it is saved.
 */
void
fascia_store_keep_in_journal (FasciaStore        *store,
                              FasciaJournalKind   kind,
                              GObject            *row,
                              gint64              revision,
                              const char         *token,
                              GError             *failure)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  g_autoptr(GError) error = NULL;
  gboolean provisional = FALSE;
  char *message;

  if (journal == NULL || journal->replaying ||
      !g_error_matches (failure, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
    return;

  if (kind_is_provisional (kind))
    {
      gint64 id;

      g_object_get (row, "id", &id, NULL);
      if (id == 0)
        {
          provisional = TRUE;
          g_object_set (row, "id", journal->last_provisional - 1, NULL);
        }
    }

  if (!put_row (journal, kind, row, revision, provisional ? token : NULL, &error))
    {
      if (provisional)
        g_object_set (row, "id", (gint64) 0, NULL);
      fascia_store_not_kept (failure, error);
      return;
    }
  if (provisional)
    journal->last_provisional--;

  message = g_strdup_printf ("%s (the change is kept on this computer and saved when the "
                             "server is back)", failure->message);
  g_free (failure->message);
  failure->message = message;
}

/* The server could not be reached and the journal could not keep the edit either (full, or
 * its file could not be written): @failure says both and is no longer
 * %FASCIA_STORE_ERROR_IO, so that the edit is not taken for kept. */
void
fascia_store_not_kept (GError       *failure,
                       const GError *why)
{
  char *message = g_strdup_printf ("%s; the change could not be kept on this computer either: "
                                   "%s", failure->message, why->message);

  g_free (failure->message);
  failure->message = message;
  failure->code = FASCIA_STORE_ERROR_FAILED;
}

/**
 * fascia_store_edit_was_kept:
 * @error: why a save failed
 *
 * Whether the edit whose save failed with @error is kept in @store's journal, to be saved
 * when the clinic server is back: the editor then keeps it on screen and says nothing more
 * than the window's banner does.
 *
 * Returns: %TRUE if the edit is kept.
 */
gboolean
fascia_store_edit_was_kept (FasciaStore  *store,
                            const GError *error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (store), FALSE);

  return fascia_store_get_journal (store) != NULL &&
         g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
}

/* The id on the server of the row a provisional @id names, once the replay has added it
 * (and its revision then, for a client, plan or visit); else 0. */
static gint64
resolve_revision (FasciaJournal     *journal,
                  FasciaJournalKind  kind,
                  gint64             id,
                  gint64            *revision)
{
  g_autofree char *key = NULL;
  gint64 *saved;

  if (journal == NULL || id >= 0)
    return 0;
  key = provisional_key (kind, id);
  saved = g_hash_table_lookup (journal->saved_as, key);
  if (saved != NULL && revision != NULL)
    *revision = saved[1];
  return saved != NULL ? saved[0] : 0;
}

static gint64
resolve (FasciaJournal     *journal,
         FasciaJournalKind  kind,
         gint64             id)
{
  return resolve_revision (journal, kind, id, NULL);
}

/* Whether the addition of the row of provisional @id is in the journal, to be saved. */
static gboolean
addition_kept (FasciaJournal     *journal,
               FasciaJournalKind  kind,
               gint64             id)
{
  FasciaJournalEdit probe = { id, 0, 0, (char *) "", kind, NULL, NULL };
  g_autofree char *key = edit_key (&probe);

  return find_key (journal, key) >= 0;
}

/**
 * fascia_store_resolve_id:
 * @kind: %FASCIA_JOURNAL_CLIENT, %FASCIA_JOURNAL_PLAN or %FASCIA_JOURNAL_VISIT
 * @id: a row's id, below 0 for one added while the server was away
 *
 * Returns: the id on the server of the row @id names: @id itself when it is one already, the
 *   row the replay added for a provisional one; 0 while its addition is kept in the journal,
 *   to be saved; -1 with %FASCIA_STORE_ERROR_NOT_FOUND when it is in neither (its addition
 *   was given up, or the client it belonged to was deleted meanwhile).
 */
gint64
fascia_store_resolve_id (FasciaStore        *store,
                         FasciaJournalKind   kind,
                         gint64              id,
                         GError            **error)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  gint64 saved;

  if (id >= 0)
    return id;
  saved = resolve (journal, kind, id);
  if (saved != 0)
    return saved;
  if (journal != NULL && addition_kept (journal, kind, id))
    return 0;

  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
               "There is no %s %" G_GINT64_FORMAT " (it was added while the server was away, "
               "and was not saved)",
               kind == FASCIA_JOURNAL_CLIENT ? "client" : kind == FASCIA_JOURNAL_PLAN ? "plan"
               : "visit", id);
  return -1;
}

/**
 * fascia_store_read_nothing:
 * @id: (inout): the row whose rows are read (a plan's targets, a visit's marks, a client's
 *   visits)
 *
 * Returns: %TRUE when @id names a row added while the server was away and kept in the journal
 *   alone: nothing under it is on the server, and a read of it reads nothing (without asking
 *   the server, which may be away). Else %FALSE, @id the id to read by: the server's, for a
 *   row the replay has added.
 */
gboolean
fascia_store_read_nothing (FasciaStore        *store,
                           FasciaJournalKind   kind,
                           gint64             *id)
{
  gint64 saved;

  if (*id >= 0)
    return FALSE;
  saved = resolve (fascia_store_get_journal (store), kind, *id);
  if (saved == 0)
    return TRUE;
  *id = saved;
  return FALSE;
}

/**
 * fascia_store_list_added_kept:
 * @table: %FASCIA_STORE_TABLE_PLANS or %FASCIA_STORE_TABLE_VISITS (of a client),
 *   %FASCIA_STORE_TABLE_PLAN_TARGETS (of a plan), %FASCIA_STORE_TABLE_PAIN_MARKS or
 *   %FASCIA_STORE_TABLE_FINDINGS (of a visit)
 * @parent_id: the client, plan or visit; below 0 for one added while the server was away
 *
 * The rows of @table under @parent_id added while the clinic server was away, kept in the
 * journal and not on the server yet, as they were last changed: each with its provisional
 * id, below 0, by which it is opened, changed and deleted as any other row, and saved under
 * the row the server adds for it (a finding, which has none, by its muscle and side). Plans
 * and visits come newest first (as the server's lists of them), plan targets, marks and
 * findings in the order they were added; a finding whose flags were all cleared is none.
 *
 * Returns: (transfer full): a #GListStore of #FasciaPlan, #FasciaVisit, #FasciaPlanTarget,
 *   #FasciaPainMark or #FasciaFinding; empty without a journal.
 */
GListModel *
fascia_store_list_added_kept (FasciaStore      *store,
                              FasciaStoreTable  table,
                              gint64            parent_id)
{
  FasciaJournal *journal;
  FasciaJournalKind kind, parent_kind;
  const char *parent;
  gboolean newest_first;
  GListStore *rows;
  gint64 saved_parent;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);

  switch (table)
    {
    case FASCIA_STORE_TABLE_PLANS:
      kind = FASCIA_JOURNAL_PLAN, parent_kind = FASCIA_JOURNAL_CLIENT, parent = "client-id";
      newest_first = TRUE;
      break;
    case FASCIA_STORE_TABLE_VISITS:
      kind = FASCIA_JOURNAL_VISIT, parent_kind = FASCIA_JOURNAL_CLIENT, parent = "client-id";
      newest_first = TRUE;
      break;
    case FASCIA_STORE_TABLE_PLAN_TARGETS:
      kind = FASCIA_JOURNAL_PLAN_TARGET, parent_kind = FASCIA_JOURNAL_PLAN, parent = "plan-id";
      newest_first = FALSE;
      break;
    case FASCIA_STORE_TABLE_PAIN_MARKS:
      kind = FASCIA_JOURNAL_PAIN_MARK, parent_kind = FASCIA_JOURNAL_VISIT, parent = "visit-id";
      newest_first = FALSE;
      break;
    case FASCIA_STORE_TABLE_FINDINGS:
      kind = FASCIA_JOURNAL_FINDING, parent_kind = FASCIA_JOURNAL_VISIT, parent = "visit-id";
      newest_first = FALSE;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  rows = g_list_store_new (kind_type (kind));
  journal = fascia_store_get_journal (store);
  if (journal == NULL)
    return G_LIST_MODEL (rows);

  /* The edits kept under a parent the replay has added since name it by the server's id. */
  saved_parent = resolve (journal, parent_kind, parent_id);
  for (guint n = journal->edits->len, i = 0; i < n; i++)
    {
      const FasciaJournalEdit *edit =
        &g_array_index (journal->edits, FasciaJournalEdit, newest_first ? n - 1 - i : i);
      g_autoptr(GObject) row = NULL;
      gint64 under;

      if (edit->kind != kind || edit->values == NULL ||
          (edit->id >= 0 && kind != FASCIA_JOURNAL_FINDING))
        continue;
      under = values_int64 (edit->values, parent);
      if (under != parent_id && (saved_parent == 0 || under != saved_parent))
        continue;

      row = g_object_new (kind_type (kind), NULL);
      if (kind != FASCIA_JOURNAL_FINDING)
        g_object_set (row, "id", edit->id, NULL);
      if (kind == FASCIA_JOURNAL_PLAN_TARGET)
        g_object_set (row, "position", g_list_model_get_n_items (G_LIST_MODEL (rows)),
                      NULL);
      if (!apply_values (kind, TRUE, edit->values, row, FALSE))
        continue;
      apply_values (kind, TRUE, edit->values, row, TRUE);
      if (kind == FASCIA_JOURNAL_FINDING &&
          fascia_finding_get_flags (FASCIA_FINDING (row)) == FASCIA_FINDING_NONE)
        continue;
      g_list_store_append (rows, row);
    }
  return G_LIST_MODEL (rows);
}

/* The row @edit (a client's, plan's or visit's addition or change) keeps, as it was last
 * changed: its provisional id or the server's, and for a row of the server the revision its
 * change was made from (which a later change keeps, to meet any other save since); a
 * visit's notes kept apart are set on it. NULL if the edit holds no such row. */
static GObject *
row_of_edit (FasciaJournal           *journal,
             const FasciaJournalEdit *edit)
{
  g_autoptr(GObject) row = NULL;

  if ((edit->kind != FASCIA_JOURNAL_CLIENT && edit->kind != FASCIA_JOURNAL_PLAN &&
       edit->kind != FASCIA_JOURNAL_VISIT) || edit->values == NULL)
    return NULL;

  row = g_object_new (kind_type (edit->kind), NULL);
  g_object_set (row, "id", edit->id, NULL);
  if (edit->id > 0)
    g_object_set (row, "revision", edit->revision, NULL);
  if (!apply_values (edit->kind, edit->id < 0, edit->values, row, FALSE))
    return NULL;
  apply_values (edit->kind, edit->id < 0, edit->values, row, TRUE);
  if (edit->kind == FASCIA_JOURNAL_VISIT && edit->id > 0)
    for (guint i = 0; i < journal->edits->len; i++)
      {
        const FasciaJournalEdit *note = &g_array_index (journal->edits, FasciaJournalEdit, i);

        if (note->kind == FASCIA_JOURNAL_NOTE && note->id == edit->id)
          fascia_visit_set_field (FASCIA_VISIT (row), note->field, note->text);
      }
  return g_steal_pointer (&row);
}

/**
 * fascia_store_list_clients_kept:
 * @text: (nullable): a search, as fascia_store_list_clients() takes it
 * @flags: %FASCIA_STORE_LIST_ARCHIVED to list archived clients too
 *
 * The clients added while the clinic server was away, kept in the journal and not on the
 * server yet, that the search finds (as the server would: fascia_client_query_finds()),
 * newest first, each as it was last changed and with its provisional id. Read from the
 * journal alone, in memory.
 *
 * Returns: (transfer full): a #GListStore of #FasciaClient; empty without a journal.
 */
GListModel *
fascia_store_list_clients_kept (FasciaStore          *store,
                                const char           *text,
                                FasciaStoreListFlags  flags)
{
  GListStore *rows;
  FasciaJournal *journal;
  g_autoptr(FasciaClientQuery) query = NULL;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);

  rows = g_list_store_new (FASCIA_TYPE_CLIENT);
  journal = fascia_store_get_journal (store);
  if (journal == NULL || journal->edits->len == 0)
    return G_LIST_MODEL (rows);

  query = fascia_client_query_new (store, text, flags);
  for (guint n = journal->edits->len, i = 0; i < n; i++)
    {
      const FasciaJournalEdit *edit = &g_array_index (journal->edits, FasciaJournalEdit, n - 1 - i);
      g_autoptr(GObject) client = NULL;

      if (edit->kind != FASCIA_JOURNAL_CLIENT || edit->id >= 0)
        continue;
      client = row_of_edit (journal, edit);
      if (client != NULL && fascia_client_query_finds (query, FASCIA_CLIENT (client)))
        g_list_store_append (rows, client);
    }
  return G_LIST_MODEL (rows);
}

/**
 * fascia_store_get_kept:
 * @table: %FASCIA_STORE_TABLE_CLIENTS, %FASCIA_STORE_TABLE_PLANS or %FASCIA_STORE_TABLE_VISITS
 * @id: the row: the server's id, or a provisional one (below 0)
 *
 * The row as the journal keeps it, changed or added while the clinic server was away and
 * not saved yet: the journal, not what was read before, says what is waiting to be saved.
 * A visit of the server whose notes alone were changed is kept as its notes, not as a row:
 * %NULL for it, but fascia_store_is_kept() says it is waiting.
 *
 * Returns: (transfer full) (nullable): a #FasciaClient, #FasciaPlan or #FasciaVisit, or
 *   %NULL if the journal keeps no change of it.
 */
GObject *
fascia_store_get_kept (FasciaStore      *store,
                       FasciaStoreTable  table,
                       gint64            id)
{
  FasciaJournal *journal;
  FasciaJournalKind kind;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);

  journal = fascia_store_get_journal (store);
  if (journal == NULL || journal->edits->len == 0 || id == 0)
    return NULL;
  switch (table)
    {
    case FASCIA_STORE_TABLE_CLIENTS: kind = FASCIA_JOURNAL_CLIENT; break;
    case FASCIA_STORE_TABLE_PLANS: kind = FASCIA_JOURNAL_PLAN; break;
    case FASCIA_STORE_TABLE_VISITS: kind = FASCIA_JOURNAL_VISIT; break;
    default: g_return_val_if_reached (NULL);
    }

  for (guint i = journal->edits->len; i-- > 0;)
    {
      const FasciaJournalEdit *edit = &g_array_index (journal->edits, FasciaJournalEdit, i);

      if (edit->kind == kind && edit->id == id)
        return row_of_edit (journal, edit);
    }
  return NULL;
}

/**
 * fascia_store_is_kept:
 *
 * Whether the journal keeps a change of the client, plan or visit @id (or, for a visit, of
 * one of its notes) made while the clinic server was away, to be saved when it is back.
 */
gboolean
fascia_store_is_kept (FasciaStore      *store,
                      FasciaStoreTable  table,
                      gint64            id)
{
  g_autoptr(GObject) row = NULL;
  FasciaJournal *journal;

  g_return_val_if_fail (FASCIA_IS_STORE (store), FALSE);

  journal = fascia_store_get_journal (store);
  if (journal == NULL || journal->edits->len == 0 || id == 0)
    return FALSE;
  if (table == FASCIA_STORE_TABLE_VISITS)
    for (guint i = 0; i < journal->edits->len; i++)
      {
        const FasciaJournalEdit *edit = &g_array_index (journal->edits, FasciaJournalEdit, i);

        if (edit->kind == FASCIA_JOURNAL_NOTE && edit->id == id)
          return TRUE;
      }
  row = fascia_store_get_kept (store, table, id);
  return row != NULL;
}

/**
 * fascia_store_list_changed_kept:
 * @table: %FASCIA_STORE_TABLE_PLANS or %FASCIA_STORE_TABLE_VISITS
 * @client_id: the client (of the server: above 0)
 *
 * The plans or visits of the server under @client_id that were changed while the clinic
 * server was away, kept in the journal and not saved yet, as they were last changed (see
 * fascia_store_get_kept()), most recently changed first: what a list that cannot be read
 * while the server is away shows of them. A visit whose notes alone were changed is not a
 * row the journal can show.
 *
 * Returns: (transfer full): a #GListStore of #FasciaPlan or #FasciaVisit
 */
GListModel *
fascia_store_list_changed_kept (FasciaStore      *store,
                                FasciaStoreTable  table,
                                gint64            client_id)
{
  FasciaJournalKind kind;
  FasciaJournal *journal;
  GListStore *rows;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);
  g_return_val_if_fail (table == FASCIA_STORE_TABLE_PLANS || table == FASCIA_STORE_TABLE_VISITS,
                        NULL);

  kind = table == FASCIA_STORE_TABLE_PLANS ? FASCIA_JOURNAL_PLAN : FASCIA_JOURNAL_VISIT;
  rows = g_list_store_new (kind_type (kind));
  journal = fascia_store_get_journal (store);
  if (journal == NULL || client_id <= 0)
    return G_LIST_MODEL (rows);

  for (guint i = journal->edits->len; i-- > 0;)
    {
      const FasciaJournalEdit *edit = &g_array_index (journal->edits, FasciaJournalEdit, i);
      g_autoptr(GObject) row = NULL;

      if (edit->kind != kind || edit->id <= 0 || edit->values == NULL ||
          values_int64 (edit->values, "client-id") != client_id)
        continue;
      row = row_of_edit (journal, edit);
      if (row != NULL)
        g_list_store_append (rows, row);
    }
  return G_LIST_MODEL (rows);
}

/**
 * fascia_store_resolve_parents:
 * @row: a client, plan, visit, plan target, mark or finding
 *
 * The rows @row belongs to (its client, plan or visit) added while the server was away, and
 * saved since by the replay, are named by their ids on the server: a child added under a
 * parent added offline (a visit under a new plan, a mark under a new visit) is saved under
 * the row the server holds.
 *
 * Returns: 1 when every row @row belongs to is on the server (its ids set on @row); 0 when
 *   one of them is in the journal alone, to be added when the server is back (@row is then
 *   kept in the journal too, after it); -1 with @error when one was never saved.
 */
int
fascia_store_resolve_parents (FasciaStore  *store,
                              GObject      *row,
                              GError      **error)
{
  static const struct { const char *name; FasciaJournalKind kind; } parents[] = {
    { "client-id", FASCIA_JOURNAL_CLIENT },
    { "plan-id", FASCIA_JOURNAL_PLAN },
    { "visit-id", FASCIA_JOURNAL_VISIT },
  };
  GObjectClass *klass = G_OBJECT_GET_CLASS (row);
  int result = 1;

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, parents[i].name);
      gint64 id, saved;

      if (pspec == NULL || pspec->value_type != G_TYPE_INT64)
        continue;
      g_object_get (row, parents[i].name, &id, NULL);
      if (id >= 0)
        continue;
      saved = fascia_store_resolve_id (store, parents[i].kind, id, error);
      if (saved < 0)
        return -1;
      if (saved == 0)
        result = 0;
      else
        g_object_set (row, parents[i].name, saved, NULL);
    }
  return result;
}

/* A save of @row that cannot go to the server before the row it belongs to, whose addition
 * is kept in the journal: @row is kept there too, after it. */
static GError *
kept_with_parent (FasciaStore        *store,
                  FasciaJournalKind   kind,
                  GObject            *row,
                  gint64              revision,
                  const char         *token)
{
  GError *failure = g_error_new_literal (FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                                         "What this belongs to is not on the clinic server yet");

  fascia_store_keep_in_journal (store, kind, row, revision, token, failure);
  return failure;
}

/**
 * fascia_store_keep_addition:
 * @token: the token the addition's INSERT carries
 *
 * Before an addition: the rows @row belongs to are given their ids on the server
 * (fascia_store_resolve_parents()).
 *
 * Returns: 0 when @row is to be added now; -1 with @error when it is not: kept in the
 *   journal (%FASCIA_STORE_ERROR_IO, fascia_store_edit_was_kept()) after the addition of
 *   the row it belongs to, or %FASCIA_STORE_ERROR_NOT_FOUND when that row was never saved.
 */
int
fascia_store_keep_addition (FasciaStore        *store,
                            FasciaJournalKind   kind,
                            GObject            *row,
                            const char         *token,
                            GError            **error)
{
  switch (fascia_store_resolve_parents (store, row, error))
    {
    case 1:
      return 0;
    case 0:
      g_propagate_error (error, kept_with_parent (store, kind, row, 0, token));
      return -1;
    default:
      return -1;
    }
}

/**
 * fascia_store_keep_provisional:
 * @row: a client, plan, visit, plan target or mark to be saved; its id below 0 when it was
 *   added while the server was away
 *
 * A change of a row added while the server was away: while the addition is in the journal
 * alone, the change replaces it there (and the row is added once, as it is now); once the
 * replay has added it, @row is given its id on the server (and for a client, plan or visit,
 * the revision the replay saved it at) and is saved as any other. The rows @row belongs to
 * are named by their ids on the server, as they are for an addition.
 *
 * Returns: 1 when the change is kept in the journal, 0 when @row is to be saved (its id the
 *   server's), -1 with @error when the journal could not keep it.
 */
int
fascia_store_keep_provisional (FasciaStore        *store,
                               FasciaJournalKind   kind,
                               GObject            *row,
                               GError            **error)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  g_autofree char *token = NULL;
  gint64 id, saved, lowest, revision = 0;
  int parents;

  if (journal == NULL)
    return 0;

  g_object_get (row, "id", &id, NULL);
  parents = fascia_store_resolve_parents (store, row, error);
  if (parents < 0)
    return -1;

  if (id >= 0)
    {
      g_autoptr(GError) failure = NULL;

      if (parents == 1)
        return 0;
      /* A row the server holds moved under a row added meanwhile: kept, after it. */
      if (kind_has_revision (kind))
        g_object_get (row, "revision", &revision, NULL);
      failure = kept_with_parent (store, kind, row, revision, NULL);
      if (!fascia_store_edit_was_kept (store, failure))
        {
          g_propagate_error (error, g_steal_pointer (&failure));
          return -1;
        }
      return 1;
    }

  saved = resolve_revision (journal, kind, id, &revision);
  if (saved != 0)
    {
      g_object_set (row, "id", saved, NULL);
      if (kind_has_revision (kind))
        {
          gint64 held;

          g_object_get (row, "revision", &held, NULL);
          if (held < revision)
            g_object_set (row, "revision", revision, NULL);
        }
      return parents == 1 ? 0 : fascia_store_keep_provisional (store, kind, row, error);
    }

  {
    FasciaJournalEdit probe = { id, 0, 0, (char *) "", kind, NULL, NULL };
    g_autofree char *key = edit_key (&probe);
    int i = find_key (journal, key);

    /* The addition it replaces was sent, or not: the change is the same addition, and keeps
     * its token (put_row()); with none kept, a token of its own, never sent. */
    lowest = i >= 0 ? g_array_index (journal->edits, FasciaJournalEdit, i).revision : 0;
    if (i < 0)
      token = fascia_store_new_add_token ();
  }

  if (journal->replaying || !put_row (journal, kind, row, lowest, token, error))
    {
      if (journal->replaying)
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                     "There is no row %" G_GINT64_FORMAT " to save", id);
      return -1;
    }
  return 1;
}

/**
 * fascia_store_keep_provisional_note:
 * @visit: a visit whose @field is saved; its id below 0 when it was added while the server
 *   was away
 *
 * A SOAP note of a visit added while the server was away: while the visit's addition is in
 * the journal alone, the note joins it there (the visit is added with it); once the replay
 * has added the visit, @visit is given its id and revision on the server, and the note is
 * saved as any other.
 *
 * Returns: 1 when the note is kept in the journal (and set on @visit), 0 when it is to be
 *   saved, -1 with @error.
 */
int
fascia_store_keep_provisional_note (FasciaStore       *store,
                                    FasciaVisit       *visit,
                                    FasciaVisitField   field,
                                    const char        *text,
                                    GError           **error)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  g_autoptr(FasciaVisit) row = NULL;
  gint64 id = fascia_visit_get_id (visit);
  gint64 saved, revision = 0;
  int i;

  if (journal == NULL || id >= 0)
    return 0;

  saved = resolve_revision (journal, FASCIA_JOURNAL_VISIT, id, &revision);
  if (saved != 0)
    {
      fascia_visit_set_id (visit, saved);
      if (fascia_visit_get_revision (visit) < revision)
        fascia_visit_set_revision (visit, revision);
      return 0;
    }

  {
    FasciaJournalEdit probe = { id, 0, 0, (char *) "", FASCIA_JOURNAL_VISIT, NULL, NULL };
    g_autofree char *key = edit_key (&probe);

    i = find_key (journal, key);
  }
  if (i < 0 || journal->replaying)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   "There is no visit %" G_GINT64_FORMAT " to save", id);
      return -1;
    }

  /* The addition as kept, with this note alone changed: what else @visit holds is saved by
   * its own saves. */
  row = fascia_visit_new ();
  fascia_visit_set_id (row, id);
  apply_values (FASCIA_JOURNAL_VISIT, TRUE,
                g_array_index (journal->edits, FasciaJournalEdit, i).values, G_OBJECT (row),
                TRUE);
  fascia_visit_set_field (row, field, text);
  if (!put_row (journal, FASCIA_JOURNAL_VISIT, G_OBJECT (row), 0, NULL, error))
    return -1;
  fascia_visit_set_field (visit, field, text);
  return 1;
}

/* The key in the journal's dropped edits of a change of the row @id that its removal,
 * kept while the server was away, replaced. */
static char *
replaced_change_key (FasciaJournalKind kind,
                     gint64            id)
{
  return g_strdup_printf ("replaced:%u:%" G_GINT64_FORMAT, kind, id);
}

static void
announce_restored (FasciaStore      *store,
                   FasciaStoreTable  table,
                   gint64            id)
{
  fascia_store_announce (store, table, FASCIA_STORE_CHANGE_RESTORED, id, 0);
}

/**
 * fascia_store_set_deleted_kept:
 * @table: %FASCIA_STORE_TABLE_PLAN_TARGETS or %FASCIA_STORE_TABLE_PAIN_MARKS
 *
 * fascia_store_delete() (@deleted) or fascia_store_undelete() of a row on a store with a
 * journal: a row added while the server was away leaves the journal (and comes back to it on
 * undo); a removal the server cannot be told of now is kept in the journal, and its undo
 * forgets it. An undo the journal alone made is announced (FasciaStore::changed, restored,
 * of no client the store could read): the visit or plan editor keeps the row it took away
 * while the server is away and shows it again.
 */
gboolean
fascia_store_set_deleted_kept (FasciaStore       *store,
                               FasciaStoreTable   table,
                               gint64             id,
                               gboolean           deleted,
                               GError           **error)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  FasciaJournalKind kind = table == FASCIA_STORE_TABLE_PLAN_TARGETS
                           ? FASCIA_JOURNAL_PLAN_TARGET : FASCIA_JOURNAL_PAIN_MARK;
  FasciaJournalEdit removal = { 0, 0, (FasciaVisitField) table, NULL, FASCIA_JOURNAL_REMOVAL,
                                NULL };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *removal_key = NULL;
  int i;

  if (id < 0 && resolve (journal, kind, id) != 0)
    id = resolve (journal, kind, id);
  else if (id < 0)
    {
      g_autofree char *key = provisional_key (kind, id);
      FasciaJournalEdit probe = { id, 0, 0, (char *) "", kind, NULL };
      g_autofree char *edit_key_s = edit_key (&probe);
      FasciaJournalEdit *dropped;

      if (deleted)
        {
          i = find_key (journal, edit_key_s);
          if (i < 0)
            {
              g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                           "There is no %s row %" G_GINT64_FORMAT " to delete",
                           fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table), id);
              return FALSE;
            }
          dropped = g_new0 (FasciaJournalEdit, 1);
          copy_edit (dropped, &g_array_index (journal->edits, FasciaJournalEdit, i));
          if (!remove_at (journal, i, error))
            {
              free_edit (dropped);
              return FALSE;
            }
          g_hash_table_replace (journal->dropped, g_steal_pointer (&key), dropped);
          return TRUE;
        }

      dropped = g_hash_table_lookup (journal->dropped, key);
      if (dropped == NULL)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                       "There is no deleted %s row %" G_GINT64_FORMAT " to restore",
                       fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table), id);
          return FALSE;
        }
      {
        FasciaJournalEdit back;

        copy_edit (&back, dropped);
        if (!put_edit (journal, &back, error))
          return FALSE;
      }
      g_hash_table_remove (journal->dropped, key);
      announce_restored (store, table, id);
      return TRUE;
    }

  removal.id = id;
  removal_key = edit_key (&removal);

  /* The undo of a removal the server was never told of; a change of the row kept before it
   * is kept again. */
  if (!deleted && (i = find_key (journal, removal_key)) >= 0)
    {
      g_autofree char *stash_key = replaced_change_key (kind, id);
      FasciaJournalEdit *replaced = g_hash_table_lookup (journal->dropped, stash_key);

      if (!remove_at (journal, i, error))
        return FALSE;
      if (replaced != NULL)
        {
          FasciaJournalEdit back;

          copy_edit (&back, replaced);
          if (!put_edit (journal, &back, error))
            return FALSE;
          g_hash_table_remove (journal->dropped, stash_key);
        }
      announce_restored (store, table, id);
      return TRUE;
    }

  if (fascia_store_set_deleted (store, table, id, deleted, &local_error))
    return TRUE;

  if (deleted && !journal->replaying &&
      g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
    {
      g_autoptr(GError) why = NULL;
      FasciaJournalEdit change = { id, 0, 0, (char *) "", kind, NULL };
      g_autofree char *change_key = edit_key (&change);
      char *message;

      int changed_at = find_key (journal, change_key);
      FasciaJournalEdit *replaced = NULL;

      removal.text = g_strdup ("");
      removal.values = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                NULL, 0));
      /* A change of the row kept before is not saved: the row goes. It is set aside, for
       * the removal's undo to keep again. */
      if (changed_at >= 0)
        {
          replaced = g_new0 (FasciaJournalEdit, 1);
          copy_edit (replaced, &g_array_index (journal->edits, FasciaJournalEdit, changed_at));
        }
      if (!put_edit (journal, &removal, &why) ||
          !remove_at (journal, find_key (journal, change_key), &why))
        {
          if (replaced != NULL)
            free_edit (replaced);
          fascia_store_not_kept (local_error, why);
        }
      else
        {
          if (replaced != NULL)
            g_hash_table_replace (journal->dropped, replaced_change_key (kind, id), replaced);
          message = g_strdup_printf ("%s (the change is kept on this computer and saved when "
                                     "the server is back)", local_error->message);
          g_free (local_error->message);
          local_error->message = message;
        }
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Whether @edit is of a row under one of the rows added meanwhile in @rows ("kind:id" of
 * provisional clients, plans and visits): it names one as its client, plan or visit. */
static gboolean
edit_is_under (const FasciaJournalEdit *edit,
               GHashTable              *rows)
{
  static const struct { const char *name; FasciaJournalKind kind; } parents[] = {
    { "client-id", FASCIA_JOURNAL_CLIENT },
    { "plan-id", FASCIA_JOURNAL_PLAN },
    { "visit-id", FASCIA_JOURNAL_VISIT },
  };

  if (edit->kind == FASCIA_JOURNAL_NOTE)
    {
      g_autofree char *key = provisional_key (FASCIA_JOURNAL_VISIT, edit->id);

      return edit->id < 0 && g_hash_table_contains (rows, key);
    }
  if (edit->values == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    {
      gint64 parent = values_int64 (edit->values, parents[i].name);
      g_autofree char *key = NULL;

      if (parent >= 0)
        continue;
      key = provisional_key (parents[i].kind, parent);
      if (g_hash_table_contains (rows, key))
        return TRUE;
    }
  return FALSE;
}

/**
 * fascia_store_set_added_deleted_kept:
 * @table: %FASCIA_STORE_TABLE_CLIENTS, %FASCIA_STORE_TABLE_PLANS or %FASCIA_STORE_TABLE_VISITS
 * @id: a provisional id (below 0) whose addition the journal keeps, not saved yet
 *
 * fascia_store_delete() (@deleted) or fascia_store_undelete() of a client, plan or visit added
 * while the server is away and not on it yet: its addition leaves the journal with every
 * edit of what was added under it (a client's plans and visits, a plan's targets, a visit's
 * notes, marks and findings), so that none of it is ever sent; the undo puts them back as
 * they were. Announced as a deletion (or restoration) is.
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_NOT_FOUND when the journal keeps no such
 *   addition (nor, for the undo, its removal).
 */
gboolean
fascia_store_set_added_deleted_kept (FasciaStore       *store,
                                     FasciaStoreTable   table,
                                     gint64             id,
                                     gboolean           deleted,
                                     GError           **error)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  FasciaJournalKind kind = table == FASCIA_STORE_TABLE_CLIENTS ? FASCIA_JOURNAL_CLIENT
                           : table == FASCIA_STORE_TABLE_PLANS ? FASCIA_JOURNAL_PLAN
                           : FASCIA_JOURNAL_VISIT;
  g_autofree char *key = provisional_key (kind, id);
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GArray) kept = NULL;
  gint64 client_id;
  int i;

  g_return_val_if_fail (id < 0, FALSE);

  if (!deleted)
    {
      GPtrArray *tree = g_hash_table_lookup (journal->dropped_trees, key);
      guint n_before = journal->edits->len;

      if (tree == NULL)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                       "There is no deleted %s row %" G_GINT64_FORMAT " to restore",
                       fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table), id);
          return FALSE;
        }
      for (guint j = 0; j < tree->len; j++)
        {
          FasciaJournalEdit back;

          copy_edit (&back, g_ptr_array_index (tree, j));
          g_array_append_val (journal->edits, back);
        }
      if (!write_out (journal, error))
        {
          g_array_set_size (journal->edits, n_before);
          return FALSE;
        }
      client_id = kind == FASCIA_JOURNAL_CLIENT
                  ? id : values_int64(((FasciaJournalEdit *) g_ptr_array_index (tree, 0))->values,
                                       "client-id");
      g_hash_table_remove (journal->dropped_trees, key);
      fascia_store_announce (store, table, FASCIA_STORE_CHANGE_RESTORED, id, client_id);
      return TRUE;
    }

  {
    FasciaJournalEdit probe = { id, 0, 0, (char *) "", kind, NULL };
    g_autofree char *edit_key_s = edit_key (&probe);

    i = find_key (journal, edit_key_s);
  }
  if (i < 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   "There is no %s row %" G_GINT64_FORMAT " to delete",
                   fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table), id);
      return FALSE;
    }
  client_id = kind == FASCIA_JOURNAL_CLIENT
              ? id : values_int64 (g_array_index (journal->edits, FasciaJournalEdit, i).values,
                                   "client-id");

  /* The row and, again and again, what names it or a row taken with it as its own. */
  rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (rows, g_strdup (key));
  taken = g_ptr_array_new_with_free_func (free_edit);
  kept = g_array_new (FALSE, FALSE, sizeof (FasciaJournalEdit));
  for (gboolean more = TRUE; more;)
    {
      more = FALSE;
      for (guint j = 0; j < journal->edits->len; j++)
        {
          FasciaJournalEdit *edit = &g_array_index (journal->edits, FasciaJournalEdit, j);
          g_autofree char *row_key = edit->id < 0 && kind_is_provisional (edit->kind)
                                     ? provisional_key (edit->kind, edit->id) : NULL;

          if (row_key != NULL && !g_hash_table_contains (rows, row_key) &&
              edit_is_under (edit, rows))
            {
              g_hash_table_add (rows, g_steal_pointer (&row_key));
              more = TRUE;
            }
        }
    }
  for (guint j = 0; j < journal->edits->len; j++)
    {
      FasciaJournalEdit *edit = &g_array_index (journal->edits, FasciaJournalEdit, j);
      g_autofree char *row_key = edit->id < 0 && kind_is_provisional (edit->kind)
                                 ? provisional_key (edit->kind, edit->id) : NULL;
      FasciaJournalEdit copy;

      copy_edit (&copy, edit);
      if ((row_key != NULL && g_hash_table_contains (rows, row_key)) ||
          edit_is_under (edit, rows))
        {
          FasciaJournalEdit *held = g_new (FasciaJournalEdit, 1);

          *held = copy;
          /* Its own addition first, for the undo to put back before what is under it. */
          if (row_key != NULL && g_str_equal (row_key, key))
            g_ptr_array_insert (taken, 0, held);
          else
            g_ptr_array_add (taken, held);
        }
      else
        g_array_append_val (kept, copy);
    }

  /* The journal without them, written; on failure as it was. */
  {
    GArray *before = journal->edits;

    journal->edits = g_array_new (FALSE, TRUE, sizeof (FasciaJournalEdit));
    g_array_set_clear_func (journal->edits, clear_edit);
    g_array_append_vals (journal->edits, kept->data, kept->len);
    g_array_set_size (kept, 0);
    if (!write_out (journal, error))
      {
        g_array_unref (journal->edits);
        journal->edits = before;
        return FALSE;
      }
    g_array_unref (before);
  }

  g_hash_table_replace (journal->dropped_trees, g_strdup (key), g_steal_pointer (&taken));
  fascia_store_announce (store, table, FASCIA_STORE_CHANGE_DELETED, id, client_id);
  return TRUE;
}

/**
 * fascia_store_new_add_token:
 *
 * Returns: (transfer full): a token for the INSERT of a row added (a client, plan, visit,
 *   plan target or mark, or an import's first client): a random UUID (version 4), made on
 *   this computer, unique in its table (sql/013-add-tokens.sql). Its bytes come from the
 *   kernel each time, not from GLib's generator, whose state a process forked from another
 *   shares: two such processes made the same tokens, and the second's rows were refused as
 *   duplicates (test store-crash, whose writers are forked).
 */
char *
fascia_store_new_add_token (void)
{
  guint8 b[16];
  gsize got = 0;

  while (got < sizeof b)
    {
      ssize_t n = getrandom (b + got, sizeof b - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return g_uuid_string_random ();
      got += n;
    }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
                          b[11], b[12], b[13], b[14], b[15]);
}

/* Replay */

static GObject *
load_row (FasciaStore        *store,
          FasciaJournalKind   kind,
          gint64              id,
          GError            **error)
{
  switch (kind)
    {
    case FASCIA_JOURNAL_CLIENT: return (GObject *) fascia_store_get_client (store, id, error);
    case FASCIA_JOURNAL_PLAN: return (GObject *) fascia_store_get_plan (store, id, error);
    case FASCIA_JOURNAL_NOTE:
    case FASCIA_JOURNAL_VISIT: return (GObject *) fascia_store_get_visit (store, id, error);
    case FASCIA_JOURNAL_PLAN_TARGET:
      return (GObject *) fascia_store_get_plan_target (store, id, error);
    case FASCIA_JOURNAL_PAIN_MARK:
      return (GObject *) fascia_store_get_pain_mark (store, id, error);
    case FASCIA_JOURNAL_FINDING:
    default:
      g_assert_not_reached ();
    }
}

/* Saves @row, an update (guarded by its revision where it has one) or an addition (with
 * @token, the addition's own, or a new one for an addition kept without). */
static gboolean
save_row (FasciaStore        *store,
          FasciaJournalKind   kind,
          GObject            *row,
          gboolean            add,
          const char         *token,
          GObject           **theirs,
          GError            **error)
{
  g_autofree char *new_token = add && token == NULL ? fascia_store_new_add_token () : NULL;

  if (new_token != NULL)
    token = new_token;

  switch (kind)
    {
    case FASCIA_JOURNAL_CLIENT:
      return add ? fascia_store_add_client_token (store, FASCIA_CLIENT (row), token, error)
                 : fascia_store_update_client_full (store, FASCIA_CLIENT (row),
                                                    (FasciaClient **) theirs, error);
    case FASCIA_JOURNAL_PLAN:
      return add ? fascia_store_add_plan_token (store, FASCIA_PLAN (row), token, error)
                 : fascia_store_update_plan_full (store, FASCIA_PLAN (row), (FasciaPlan **) theirs,
                                                  error);
    case FASCIA_JOURNAL_VISIT:
      return add ? fascia_store_add_visit_token (store, FASCIA_VISIT (row), token, error)
                 : fascia_store_update_visit_full (store, FASCIA_VISIT (row),
                                                   (FasciaVisit **) theirs, error);
    case FASCIA_JOURNAL_PLAN_TARGET:
      return add ? fascia_store_add_plan_target_token (store, FASCIA_PLAN_TARGET (row), token,
                                                       error)
                 : fascia_store_update_plan_target (store, FASCIA_PLAN_TARGET (row), error);
    case FASCIA_JOURNAL_PAIN_MARK:
      return add ? fascia_store_add_pain_mark_token (store, FASCIA_PAIN_MARK (row), token, error)
                 : fascia_store_update_pain_mark (store, FASCIA_PAIN_MARK (row), error);
    case FASCIA_JOURNAL_NOTE:
    case FASCIA_JOURNAL_FINDING:
    default:
      g_assert_not_reached ();
    }
}

/* The rows an added row joins (its plan's targets, its visit's marks or findings). */
static GListModel *
list_siblings (FasciaStore              *store,
               const FasciaJournalEdit  *edit,
               GError                  **error)
{
  switch (edit->kind)
    {
    case FASCIA_JOURNAL_PLAN_TARGET:
      return fascia_store_list_plan_targets (store, values_int64 (edit->values, "plan-id"), error);
    case FASCIA_JOURNAL_PAIN_MARK:
      return fascia_store_list_pain_marks (store, values_int64 (edit->values, "visit-id"), error);
    case FASCIA_JOURNAL_FINDING:
      return fascia_store_list_findings (store, values_int64 (edit->values, "visit-id"), error);
    default:
      g_assert_not_reached ();
    }
}

/* The key in a replay's claimed rows of the row @id of @kind. */
static char *
claimed_key (FasciaJournalKind kind,
             gint64            id)
{
  return g_strdup_printf ("%u:%" G_GINT64_FORMAT, kind, id);
}

/* Whether the row an added edit would add is there already (its save reached the server):
 * a sibling holding every value of it, that no addition before it in this replay saved or
 * found (@claimed) — two rows alike added while the server was away are two rows — and, for
 * a plan target or mark, whose id is not below the lowest the edit's row can have (its
 * revision; a row alike the server held before is not it). For a finding, the sibling of
 * the same muscle and side with the same findings. @last_id: the highest id of the siblings.
 * -1 with @error. */
static int
added_already (FasciaStore              *store,
               const FasciaJournalEdit  *edit,
               GHashTable               *claimed,
               gint64                   *found_id,
               gint64                   *last_id,
               GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GListModel) siblings = list_siblings (store, edit, &local_error);
  g_autoptr(GVariant) match = NULL;

  if (siblings == NULL)
    {
      /* Its visit or plan is gone: not there, and the save says why. */
      if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
        return 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  if (edit->kind == FASCIA_JOURNAL_FINDING)
    match = g_variant_ref (edit->values);
  else
    {
      /* What the user typed; a finding's note is not its edit. */
      GVariantDict dict;

      g_variant_dict_init (&dict, edit->values);
      match = g_variant_ref_sink (g_variant_dict_end (&dict));
    }

  for (guint i = 0; i < g_list_model_get_n_items (siblings); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (siblings, i);

      if (edit->kind != FASCIA_JOURNAL_FINDING)
        {
          gint64 row_id;

          g_object_get (row, "id", &row_id, NULL);
          *last_id = MAX (*last_id, row_id);
          if (row_id < edit->revision)
            continue;
        }

      if (edit->kind == FASCIA_JOURNAL_FINDING)
        {
          g_autoptr(GVariant) now = values_of_row (edit->kind, FALSE, row);
          gboolean same = TRUE;

          for (guint k = 0; k < 2; k++)
            {
              static const char * const keys[] = { "muscle-id", "side" };
              g_autoptr(GVariant) a = g_variant_lookup_value (now, keys[k], NULL);
              g_autoptr(GVariant) b = g_variant_lookup_value (edit->values, keys[k], NULL);

              same &= a != NULL && b != NULL && g_variant_equal (a, b);
            }
          if (same)
            {
              guint32 flags_now = 0, flags_mine = 0;

              g_variant_lookup (now, "flags", "u", &flags_now);
              g_variant_lookup (edit->values, "flags", "u", &flags_mine);
              return flags_now == flags_mine;
            }
        }
      else if (row_holds (edit->kind, FALSE, row, match))
        {
          gint64 id;
          g_autofree char *key = NULL;

          g_object_get (row, "id", &id, NULL);
          key = claimed_key (edit->kind, id);
          if (g_hash_table_contains (claimed, key))
            continue;
          g_hash_table_add (claimed, g_steal_pointer (&key));
          *found_id = id;
          return 1;
        }
    }
  return 0;
}

/* Before anything is sent: each plan target or mark added while nothing could be sent is
 * given, in @journal (written once) and in @edits (its copy), the lowest id its row can have
 * on the server, above every sibling's now; so that a replay after this one, should the line
 * fall or Fascia stop before the journal forgets it, finds the row this replay added, and no
 * row alike the server held before. */
static gboolean
mark_lowest_ids (FasciaStore    *store,
                 FasciaJournal  *journal,
                 GArray         *edits,
                 GError        **error)
{
  gboolean marked = FALSE;

  for (guint i = 0; i < edits->len; i++)
    {
      FasciaJournalEdit *edit = &g_array_index (edits, FasciaJournalEdit, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GListModel) siblings = NULL;
      g_autofree char *key = NULL;
      gint64 last_id = 0;
      int k;

      if (!kind_is_provisional (edit->kind) || edit->id >= 0 || edit->token != NULL ||
          edit->revision != FASCIA_JOURNAL_NEVER_SENT)
        continue;

      siblings = list_siblings (store, edit, &local_error);
      if (siblings == NULL)
        {
          /* Its visit or plan is gone: its save says so. */
          if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      for (guint j = 0; j < g_list_model_get_n_items (siblings); j++)
        {
          g_autoptr(GObject) row = g_list_model_get_item (siblings, j);
          gint64 id;

          g_object_get (row, "id", &id, NULL);
          last_id = MAX (last_id, id);
        }

      edit->revision = last_id + 1;
      key = edit_key (edit);
      k = find_key (journal, key);
      if (k >= 0)
        g_array_index (journal->edits, FasciaJournalEdit, k).revision = edit->revision;
      marked = TRUE;
    }

  return !marked || write_out (journal, error);
}

/* How the save of a row ended, from its error. */
static gboolean
outcome_of_error (GError               **local_error,
                  FasciaJournalOutcome  *outcome,
                  GError               **error)
{
  if (g_error_matches (*local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
    *outcome = FASCIA_JOURNAL_CONFLICT;
  else if (g_error_matches (*local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
    *outcome = FASCIA_JOURNAL_GONE;
  else if (g_error_matches (*local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID))
    {
      g_warning ("An edit kept while the server was away is refused: %s",
                 (*local_error)->message);
      *outcome = FASCIA_JOURNAL_REFUSED;
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (local_error));
      return FALSE;
    }
  return TRUE;
}

/* The revision an edit of a row with one starts from, carried on past the edits of the same
 * row saved before it in this replay. */
static char *
moved_key (const FasciaJournalEdit *edit)
{
  FasciaJournalKind kind = edit->kind == FASCIA_JOURNAL_NOTE ? FASCIA_JOURNAL_VISIT : edit->kind;

  return g_strdup_printf ("%u:%" G_GINT64_FORMAT, kind, edit->id);
}

/* The row a provisional id names is on the server now, as @id (and @row as saved, for its
 * revision). */
static void
saved_as (FasciaStore             *store,
          const FasciaJournalEdit *edit,
          gint64                   id,
          GObject                 *row)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  gint64 saved[2] = { id, 0 };

  if (row != NULL && kind_has_revision (edit->kind))
    g_object_get (row, "revision", &saved[1], NULL);
  if (journal != NULL && edit->id < 0)
    g_hash_table_replace (journal->saved_as, provisional_key (edit->kind, edit->id),
                          g_memdup2 (saved, sizeof saved));
}

/* The edits of rows under the row @edit added, once the replay has saved it: their values
 * name it by its id on the server. Written to the journal's file. */
static gboolean
rename_children (FasciaJournal            *journal,
                 const FasciaJournalEdit  *edit,
                 GError                  **error)
{
  const char *name = edit->kind == FASCIA_JOURNAL_CLIENT ? "client-id"
                     : edit->kind == FASCIA_JOURNAL_PLAN ? "plan-id"
                     : edit->kind == FASCIA_JOURNAL_VISIT ? "visit-id" : NULL;
  gint64 saved = name != NULL && edit->id < 0 ? resolve (journal, edit->kind, edit->id) : 0;
  gboolean renamed = FALSE;

  if (saved == 0)
    return TRUE;

  for (guint i = 0; i < journal->edits->len; i++)
    {
      FasciaJournalEdit *child = &g_array_index (journal->edits, FasciaJournalEdit, i);
      GVariantDict dict;

      if (child->values == NULL || values_int64 (child->values, name) != edit->id)
        continue;
      g_variant_dict_init (&dict, child->values);
      g_variant_dict_insert (&dict, name, "x", saved);
      g_variant_unref (child->values);
      child->values = g_variant_ref_sink (g_variant_dict_end (&dict));
      renamed = TRUE;
    }
  return !renamed || write_out (journal, error);
}

/* The rows @edit's row belongs to (its client, plan or visit) named in its values by their
 * ids on the server, where they were added while it was away: 1, or 0 when one of them is
 * still to be added, or -1 when one was never saved (its edit is then gone). */
static int
resolve_edit_parents (FasciaStore        *store,
                      FasciaJournalEdit  *edit,
                      GError            **error)
{
  static const char * const parents[] = { "client-id", "plan-id", "visit-id" };
  g_autoptr(GObject) row = NULL;
  gboolean provisional = FALSE;
  int result;

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    provisional |= values_int64 (edit->values, parents[i]) < 0;
  if (!provisional)
    return 1;

  row = g_object_new (kind_type (edit->kind), NULL);
  apply_values (edit->kind, edit->id < 0, edit->values, row, TRUE);
  result = fascia_store_resolve_parents (store, row, error);
  if (result == 1)
    {
      g_variant_unref (edit->values);
      edit->values = values_of_row (edit->kind, edit->id < 0, row);
    }
  return result;
}

/* A removal kept: saved, or there already (the row was removed, or is gone). */
static gboolean
replay_removal (FasciaStore              *store,
                const FasciaJournalEdit  *edit,
                FasciaJournalOutcome     *outcome,
                GError                  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (fascia_store_set_deleted (store, (FasciaStoreTable) edit->field, edit->id, TRUE,
                                &local_error))
    *outcome = FASCIA_JOURNAL_SAVED;
  else if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
    *outcome = FASCIA_JOURNAL_ALREADY;
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The row of @token (an addition's) on the server: 1 with its id, and whether it was
 * removed since; 0 when the server has none (its INSERT never reached it); -1 with @error. */
static int
find_token (FasciaStore        *store,
            FasciaJournalKind   kind,
            const char         *token,
            gint64             *id,
            gboolean           *removed,
            GError            **error)
{
  static const char * const sql[] = {
    [FASCIA_JOURNAL_CLIENT] = "SELECT id, deleted_at FROM clients WHERE add_token = ?1",
    [FASCIA_JOURNAL_PLAN] = "SELECT id, deleted_at FROM plans WHERE add_token = ?1",
    [FASCIA_JOURNAL_VISIT] = "SELECT id, deleted_at FROM visits WHERE add_token = ?1",
    [FASCIA_JOURNAL_PLAN_TARGET] =
      "SELECT id, deleted_at FROM plan_targets WHERE add_token = ?1",
    [FASCIA_JOURNAL_PAIN_MARK] = "SELECT id, deleted_at FROM pain_marks WHERE add_token = ?1",
  };
  static const char purged_sql[] = "SELECT 1 FROM purged_add_tokens WHERE add_token = ?1";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  FasciaDbStep rc;

  g_assert (kind_is_provisional (kind));
  stmt = fascia_store_prepare (store, sql[kind], error);
  if (stmt == NULL)
    return -1;
  fascia_db_bind_text (stmt, 1, token);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    {
      *id = fascia_db_column_int64 (stmt, 0);
      *removed = !fascia_db_column_is_null (stmt, 1);
      return 1;
    }
  if (rc != FASCIA_DB_DONE)
    return (fascia_store_step_failed (rc, error), -1);

  /* No row: never added, or added, deleted elsewhere and purged since (its token kept). */
  g_clear_pointer (&stmt, fascia_store_stmt_release);
  stmt = fascia_store_prepare (store, purged_sql, error);
  if (stmt == NULL)
    return -1;
  fascia_db_bind_text (stmt, 1, token);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_DONE)
    return 0;
  if (rc != FASCIA_DB_ROW)
    return (fascia_store_step_failed (rc, error), -1);
  *id = 0;
  *removed = TRUE;
  return 1;
}

/* A plan target or mark added, kept with the token its INSERT carried: the server holds the
 * row of that token (the INSERT reached it before the line fell: not added again; a change
 * the user made since is saved to it), or it does not (added now, with the same token). */
static gboolean
replay_added (FasciaStore              *store,
              const FasciaJournalEdit  *edit,
              GHashTable               *claimed,
              FasciaJournalOutcome     *outcome,
              GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) row = NULL;
  gboolean removed = FALSE;
  gint64 id = 0;
  int found = find_token (store, edit->kind, edit->token, &id, &removed, error);

  if (found < 0)
    return FALSE;

  if (found)
    {
      /* (No id: purged.) */
      if (id != 0)
        {
          saved_as (store, edit, id, NULL);
          g_hash_table_add (claimed, claimed_key (edit->kind, id));
        }
      if (removed)
        {
          *outcome = FASCIA_JOURNAL_GONE;
          return TRUE;
        }
      row = load_row (store, edit->kind, id, &local_error);
      if (row == NULL)
        return outcome_of_error (&local_error, outcome, error);
      if (row_holds (edit->kind, edit->id < 0, row, edit->values))
        {
          saved_as (store, edit, id, row);
          *outcome = FASCIA_JOURNAL_ALREADY;
          return TRUE;
        }
      apply_values (edit->kind, edit->id < 0, edit->values, row, TRUE);
      if (!save_row (store, edit->kind, row, FALSE, NULL, NULL, &local_error))
        return outcome_of_error (&local_error, outcome, error);
      saved_as (store, edit, id, row);
      *outcome = FASCIA_JOURNAL_SAVED;
      return TRUE;
    }

  row = g_object_new (kind_type (edit->kind), NULL);
  apply_values (edit->kind, edit->id < 0, edit->values, row, TRUE);
  if (!save_row (store, edit->kind, row, TRUE, edit->token, NULL, &local_error))
    return outcome_of_error (&local_error, outcome, error);
  g_object_get (row, "id", &id, NULL);
  saved_as (store, edit, id, row);
  g_hash_table_add (claimed, claimed_key (edit->kind, id));
  *outcome = FASCIA_JOURNAL_SAVED;
  return TRUE;
}

static gboolean
replay_row (FasciaStore              *store,
            FasciaJournal            *journal,
            FasciaJournalEdit        *edit,
            GHashTable               *moved,
            GHashTable               *claimed,
            FasciaJournalOutcome     *outcome,
            GObject                 **theirs,
            GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) row = NULL;
  gboolean add = edit->id <= 0;
  gint64 found_id = 0;

  if (edit->kind == FASCIA_JOURNAL_FINDING)
    {
      g_autoptr(FasciaFinding) saved = NULL;
      g_autoptr(FasciaFinding) mine = fascia_finding_new ();
      gint64 last_id = 0;
      int found = added_already (store, edit, claimed, &found_id, &last_id, error);

      if (found < 0)
        return FALSE;
      if (found)
        {
          *outcome = FASCIA_JOURNAL_ALREADY;
          return TRUE;
        }
      apply_values (edit->kind, FALSE, edit->values, G_OBJECT (mine), TRUE);
      saved = fascia_store_set_finding_flags (store, fascia_finding_get_visit_id (mine),
                                              fascia_finding_get_muscle_id (mine),
                                              fascia_finding_get_side (mine),
                                              fascia_finding_get_flags (mine), &local_error);
      if (saved != NULL)
        *outcome = FASCIA_JOURNAL_SAVED;
      return saved != NULL || outcome_of_error (&local_error, outcome, error);
    }

  if (add && edit->token != NULL)
    return replay_added (store, edit, claimed, outcome, error);

  if (add)
    {
      /* Kept without a token (a journal of version 2): looked for by what it holds. */
      gint64 last_id = 0;
      int found = added_already (store, edit, claimed, &found_id, &last_id, error);

      if (found < 0)
        return FALSE;
      if (found)
        {
          saved_as (store, edit, found_id, NULL);
          *outcome = FASCIA_JOURNAL_ALREADY;
          return TRUE;
        }
      /* Not there, though its save was sent once: before it is sent again, the journal keeps
       * the lowest id the row can have, as mark_lowest_ids() does. */
      if (edit->id < 0 && edit->revision == 0)
        {
          FasciaJournalEdit marked;

          copy_edit (&marked, edit);
          marked.revision = last_id + 1;
          if (!put_edit (journal, &marked, error))
            return FALSE;
          edit->revision = last_id + 1;
        }
      row = g_object_new (kind_type (edit->kind), NULL);
    }
  else
    {
      row = load_row (store, edit->kind, edit->id, &local_error);
      if (row == NULL)
        return outcome_of_error (&local_error, outcome, error);
      if (row_holds (edit->kind, edit->id < 0, row, edit->values))
        {
          *outcome = FASCIA_JOURNAL_ALREADY;
          return TRUE;
        }
    }

  apply_values (edit->kind, edit->id < 0, edit->values, row, TRUE);
  if (kind_has_revision (edit->kind))
    g_object_set (row, "revision", edit->revision, NULL);

  if (!save_row (store, edit->kind, row, add, NULL, theirs, &local_error))
    return outcome_of_error (&local_error, outcome, error);
  if (add)
    {
      g_object_get (row, "id", &found_id, NULL);
      saved_as (store, edit, found_id, row);
      g_hash_table_add (claimed, claimed_key (edit->kind, found_id));
    }

  if (kind_has_revision (edit->kind))
    {
      gint64 *entry = g_new (gint64, 2);

      entry[0] = edit->revision;
      g_object_get (row, "revision", &entry[1], NULL);
      g_hash_table_replace (moved, moved_key (edit), entry);
    }
  *outcome = FASCIA_JOURNAL_SAVED;
  return TRUE;
}

/**
 * fascia_store_replay_journal:
 * @func: (nullable): told how each edit ended
 *
 * Saves the journal's edits to @store in the order they were made, each guarded by the
 * revision its editor had read: saved edits, edits the database holds already and edits of
 * deleted rows leave the journal; an edit whose row someone else saved meanwhile is not
 * saved and stays in the journal until the user chooses (@func gets their version). Edits of
 * one row saved one after the other carry its revision on from each to the next.
 *
 * Returns: %FALSE with @error when the database failed (the server is gone again): the edits
 *   not yet saved stay in the journal.
 */
gboolean
fascia_store_replay_journal (FasciaStore              *store,
                             FasciaJournal            *journal,
                             FasciaJournalReplayFunc   func,
                             gpointer                  user_data,
                             GError                  **error)
{
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) edits = g_array_new (FALSE, TRUE, sizeof (FasciaJournalEdit));

  g_return_val_if_fail (FASCIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (journal != NULL, FALSE);

  /* A copy: the journal changes as edits are saved. */
  g_array_set_clear_func (edits, clear_edit);
  journal->replaying = TRUE;
  for (guint i = 0; i < journal->edits->len; i++)
    {
      FasciaJournalEdit edit;

      copy_edit (&edit, &g_array_index (journal->edits, FasciaJournalEdit, i));
      g_array_append_val (edits, edit);
    }
  if (!mark_lowest_ids (store, journal, edits, error))
    goto failed;

  for (guint i = 0; i < edits->len; i++)
    {
      FasciaJournalEdit *edit = &g_array_index (edits, FasciaJournalEdit, i);
      g_autoptr(GObject) theirs = NULL;
      FasciaJournalOutcome outcome = FASCIA_JOURNAL_SAVED;
      /* Its values before the rows it belongs to were named by their ids on the server, as a
       * journal not renamed yet holds them (rename_children()). */
      g_autoptr(GVariant) unresolved = edit->values != NULL ? g_variant_ref (edit->values) : NULL;

      /* Another edit of this row was saved just before, from the same revision. */
      if (kind_has_revision (edit->kind))
        {
          g_autofree char *key = moved_key (edit);
          gint64 *from_to = g_hash_table_lookup (moved, key);

          if (from_to != NULL && from_to[0] == edit->revision)
            edit->revision = from_to[1];
        }

      if (edit->kind == FASCIA_JOURNAL_REMOVAL)
        {
          if (!replay_removal (store, edit, &outcome, error))
            goto failed;
        }
      else if (edit->kind != FASCIA_JOURNAL_NOTE)
        {
          g_autoptr(GError) local_error = NULL;

          switch (resolve_edit_parents (store, edit, &local_error))
            {
            case 1:
              if (!replay_row (store, journal, edit, moved, claimed, &outcome, &theirs, error))
                goto failed;
              break;
            case 0:
              /* The row it belongs to is still to be added: kept for the next replay. */
              continue;
            default:
              outcome = FASCIA_JOURNAL_GONE;
              break;
            }
        }
      else
        {
          g_autoptr(FasciaVisit) visit = NULL;
          g_autoptr(GError) local_error = NULL;

          visit = fascia_store_get_visit (store, edit->id, &local_error);
          if (visit == NULL &&
              !g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto failed;
            }

          if (visit == NULL)
            outcome = FASCIA_JOURNAL_GONE;
          else if (g_strcmp0 (fascia_visit_get_field (visit, edit->field) ?: "", edit->text) == 0)
            outcome = FASCIA_JOURNAL_ALREADY;
          else
            {
              fascia_visit_set_revision (visit, edit->revision);
              if (fascia_store_save_visit_field (store, visit, edit->field, edit->text,
                                                 (FasciaVisit **) &theirs, &local_error))
                {
                  gint64 *entry = g_new (gint64, 2);

                  entry[0] = edit->revision;
                  entry[1] = fascia_visit_get_revision (visit);
                  g_hash_table_replace (moved, moved_key (edit), entry);
                  outcome = FASCIA_JOURNAL_SAVED;
                }
              else if (!outcome_of_error (&local_error, &outcome, error))
                goto failed;
            }
        }

      /* The rows kept under a row just added name it by its id on the server from now on,
       * in the file too: a replay cut short after this one is saved still finds it. */
      if ((outcome == FASCIA_JOURNAL_SAVED || outcome == FASCIA_JOURNAL_ALREADY) &&
          !rename_children (journal, edit, error))
        goto failed;
      if (outcome != FASCIA_JOURNAL_CONFLICT)
        {
          FasciaJournalEdit before = *edit;

          before.values = unresolved;
          if (!fascia_journal_remove_edit (journal, &before, error) ||
              !fascia_journal_remove_edit (journal, edit, error))
            goto failed;
        }

      if (outcome == FASCIA_JOURNAL_GONE)
        journal->n_gone++;
      if (func != NULL)
        func (edit, outcome, theirs, user_data);
    }

  journal->replaying = FALSE;
  return TRUE;

failed:
  journal->replaying = FALSE;
  return FALSE;
}
