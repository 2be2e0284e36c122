/* fascia-store-journal.c — edits kept on this computer while the clinic server cannot be
 * reached.
 *
 * When a save to the server fails because the server cannot be reached, the editor keeps
 * the text on screen and the edit here: one file per database in the user's data folder,
 * mode 0600, rewritten whole through a fresh temporary file and a rename (never through a
 * link) at each change. When the server is back, fascia_store_replay_journal() saves each
 * edit with the revision its editor had read, so that an edit whose visit someone else saved
 * meanwhile comes back as a conflict for the user to choose, and an edit the server already
 * holds (its save reached the server just before the line fell) is not saved a second time.
 *
 * The file: the line "FASCIA-JOURNAL 1", the SHA-256 of the rest in hex on a line of its
 * own, then a GVariant "(sa(xxus))" in normal form: the name of the database the edits
 * belong to, and each edit's visit, revision, field and text. A file that breaks any of that,
 * is larger than FASCIA_JOURNAL_MAX_SIZE or holds a value out of range is refused, named with
 * the reason, and left as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-paths.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-store-private.h"

#define MAGIC       "FASCIA-JOURNAL 1\n"
#define HASH_LENGTH 64
#define FORMAT      "(sa(xxus))"

struct _FasciaJournal
{
  char   *path;
  char   *database_name;
  GArray *edits;   /* FasciaJournalEdit */
};

static void
clear_edit (gpointer data)
{
  FasciaJournalEdit *edit = data;

  g_free (edit->text);
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
  return self;
}

void
fascia_journal_free (FasciaJournal *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->edits);
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

static gboolean
parse (FasciaJournal  *self,
       GBytes         *bytes,
       GError        **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize header = strlen (MAGIC) + HASH_LENGTH + 1;
  g_autofree char *digest = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) entries = NULL;
  g_autoptr(GHashTable) seen = NULL;
  const char *name;
  gsize n;

  if (size < header || memcmp (data, MAGIC, strlen (MAGIC)) != 0)
    return refuse (self->path, "it is not a Fascia journal", error);
  if (data[header - 1] != '\n')
    return refuse (self->path, "its checksum line is damaged", error);

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data + header,
                                        size - header);
  if (strncmp (digest, data + strlen (MAGIC), HASH_LENGTH) != 0)
    return refuse (self->path, "its checksum does not match (damaged or cut short)", error);

  payload = g_bytes_new_from_bytes (bytes, header, size - header);
  root = g_variant_new_from_bytes (G_VARIANT_TYPE (FORMAT), payload, FALSE);
  g_variant_ref_sink (root);
  if (!g_variant_is_normal_form (root))
    return refuse (self->path, "its edits are not well formed", error);

  g_variant_get (root, "(&s@a(xxus))", &name, &entries);
  if (g_strcmp0 (name, self->database_name) != 0)
    return refuse (self->path, "it belongs to another database", error);

  n = g_variant_n_children (entries);
  if (n > FASCIA_JOURNAL_MAX_EDITS)
    return refuse (self->path, "it holds more edits than a journal may", error);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (gsize i = 0; i < n; i++)
    {
      FasciaJournalEdit edit = { 0 };
      const char *text;
      guint32 field;

      g_variant_get_child (entries, i, "(xxu&s)", &edit.visit_id, &edit.revision, &field,
                           &text);
      if (edit.visit_id <= 0 || edit.revision <= 0 || field > FASCIA_VISIT_FIELD_PLAN_NOTES)
        return refuse (self->path, "an edit names no visit or field", error);
      if (strlen (text) > FASCIA_STORE_MAX_NOTE || !g_utf8_validate (text, -1, NULL))
        return refuse (self->path, "an edit's text is too long or not text", error);
      if (!g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT ":%u", edit.visit_id,
                                                    field)))
        return refuse (self->path, "it holds the same edit twice", error);

      edit.field = field;
      edit.text = g_strdup (text);
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
find (FasciaJournal    *self,
      gint64            visit_id,
      FasciaVisitField  field)
{
  for (guint i = 0; i < self->edits->len; i++)
    {
      FasciaJournalEdit *edit = &g_array_index (self->edits, FasciaJournalEdit, i);

      if (edit->visit_id == visit_id && edit->field == field)
        return (int) i;
    }
  return -1;
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

  builder = g_variant_builder_new (G_VARIANT_TYPE ("a(xxus)"));
  for (guint i = 0; i < self->edits->len; i++)
    {
      FasciaJournalEdit *edit = &g_array_index (self->edits, FasciaJournalEdit, i);

      g_variant_builder_add (builder, "(xxus)", edit->visit_id, edit->revision,
                             (guint32) edit->field, edit->text);
    }
  root = g_variant_ref_sink (g_variant_new ("(sa(xxus))", self->database_name, builder));
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
  FasciaJournalEdit edit = { visit_id, revision, field, NULL };
  FasciaJournalEdit old = { 0 };
  int i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (visit_id > 0 && revision > 0, FALSE);
  g_return_val_if_fail (field <= FASCIA_VISIT_FIELD_PLAN_NOTES, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!fascia_store_check_text (text, FASCIA_STORE_MAX_NOTE, "note", error))
    return FALSE;

  i = find (self, visit_id, field);
  if (i < 0 && self->edits->len >= FASCIA_JOURNAL_MAX_EDITS)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The journal “%s” holds as many unsaved edits as it may", self->path);
      return FALSE;
    }

  edit.text = g_strdup (text);
  if (i < 0)
    g_array_append_val (self->edits, edit);
  else
    {
      old = g_array_index (self->edits, FasciaJournalEdit, i);
      g_array_index (self->edits, FasciaJournalEdit, i) = edit;
    }

  if (!write_out (self, error))
    {
      if (i < 0)
        g_array_remove_index (self->edits, self->edits->len - 1);
      else
        {
          g_free (edit.text);
          g_array_index (self->edits, FasciaJournalEdit, i) = old;
        }
      return FALSE;
    }

  g_free (old.text);
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
  FasciaJournalEdit kept;
  int i;

  g_return_val_if_fail (self != NULL, FALSE);

  i = find (self, visit_id, field);
  if (i < 0)
    return TRUE;

  kept = g_array_index (self->edits, FasciaJournalEdit, i);
  kept.text = g_strdup (kept.text);
  g_array_remove_index (self->edits, i);
  if (!write_out (self, error))
    {
      g_array_insert_val (self->edits, i, kept);
      return FALSE;
    }

  g_free (kept.text);
  return TRUE;
}

/**
 * fascia_store_replay_journal:
 * @func: (nullable): told how each edit ended
 *
 * Saves the journal's edits to @store, each guarded by the revision its editor had read:
 * saved edits, edits the visit holds already and edits of deleted visits leave the journal;
 * an edit whose visit someone else saved meanwhile is not saved and stays in the journal
 * until the user chooses (@func gets their version). Edits of one visit saved one after the
 * other carry its revision on from each to the next.
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
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_free);
  g_autoptr(GArray) edits = g_array_new (FALSE, TRUE, sizeof (FasciaJournalEdit));

  g_return_val_if_fail (FASCIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (journal != NULL, FALSE);

  /* A copy: the journal changes as edits are saved. */
  g_array_set_clear_func (edits, clear_edit);
  for (guint i = 0; i < journal->edits->len; i++)
    {
      FasciaJournalEdit edit = g_array_index (journal->edits, FasciaJournalEdit, i);

      edit.text = g_strdup (edit.text);
      g_array_append_val (edits, edit);
    }

  for (guint i = 0; i < edits->len; i++)
    {
      FasciaJournalEdit *edit = &g_array_index (edits, FasciaJournalEdit, i);
      g_autoptr(FasciaVisit) visit = NULL;
      g_autoptr(FasciaVisit) theirs = NULL;
      g_autoptr(GError) local_error = NULL;
      FasciaJournalOutcome outcome;
      gint64 *from_to = g_hash_table_lookup (moved, &edit->visit_id);

      /* Another field of this visit was saved just before, from the same revision. */
      if (from_to != NULL && from_to[0] == edit->revision)
        edit->revision = from_to[1];

      visit = fascia_store_get_visit (store, edit->visit_id, &local_error);
      if (visit == NULL &&
          !g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (visit == NULL)
        outcome = FASCIA_JOURNAL_GONE;
      else if (g_strcmp0 (fascia_visit_get_field (visit, edit->field) ?: "", edit->text) == 0)
        outcome = FASCIA_JOURNAL_ALREADY;
      else
        {
          fascia_visit_set_revision (visit, edit->revision);
          if (fascia_store_save_visit_field (store, visit, edit->field, edit->text, &theirs,
                                             &local_error))
            {
              gint64 *entry = g_new (gint64, 2);

              entry[0] = edit->revision;
              entry[1] = fascia_visit_get_revision (visit);
              g_hash_table_replace (moved, g_memdup2 (&edit->visit_id, sizeof (gint64)), entry);
              outcome = FASCIA_JOURNAL_SAVED;
            }
          else if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
            outcome = FASCIA_JOURNAL_CONFLICT;
          else if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND))
            outcome = FASCIA_JOURNAL_GONE;
          else
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      if (outcome != FASCIA_JOURNAL_CONFLICT &&
          !fascia_journal_remove (journal, edit->visit_id, edit->field, error))
        return FALSE;

      if (func != NULL)
        func (edit, outcome, theirs, user_data);
    }

  return TRUE;
}
