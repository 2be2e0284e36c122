/* test-store-journal.c — the journal of edits kept while the clinic server cannot be reached:
 * its file (0600, through a rename, verified when read back, a crafted one refused) and its
 * replay onto the database, each edit saved once, a changed visit as a conflict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "fascia/fascia-store-journal.h"
#include "fascia-db-postgres.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

#define NAME "clinic on this computer"

static char *
journal_path (StoreFixture *fixture)
{
  return g_build_filename (fixture->dir, "journal", "edits.journal", NULL);
}

static void
assert_file_is (const char *path,
                const char *contents,
                gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpmem (now, now_length, contents, length);
}

/* A journal file as Fascia writes one, from @payload, with its checksum right. */
static void
write_journal_version (const char *path,
                       GVariant   *payload,
                       guint       version);

static void
write_journal (const char *path,
               GVariant   *payload)
{
  write_journal_version (path, payload, 1);
}

static void
write_journal_version (const char *path,
                       GVariant   *payload,
                       guint       version)
{
  g_autoptr(GVariant) root = g_variant_ref_sink (payload);
  g_autofree char *digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                         g_variant_get_data (root),
                                                         g_variant_get_size (root));
  g_autoptr(GString) file = g_string_new (NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_string_append_printf (file, "FASCIA-JOURNAL %u\n%s\n", version, digest);
  g_string_append_len (file, g_variant_get_data (root), g_variant_get_size (root));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, file->str, file->len, NULL));
}

static void
test_round_trip (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaJournal) journal = NULL;
  g_autofree char *path = journal_path (fixture);
  const FasciaJournalEdit *edit;
  struct stat st;

  /* No file: an empty journal, and nothing written. */
  journal = fascia_journal_open (path, NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (fascia_journal_put (journal, 7, 3, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Hip «better»\nsleeps through", &error));
  g_assert_true (fascia_journal_put (journal, 7, 3, FASCIA_VISIT_FIELD_PLAN_NOTES, "", &error));
  g_assert_true (fascia_journal_put (journal, 9, 1, FASCIA_VISIT_FIELD_OBJECTIVE, "Tight QL",
                                     &error));
  /* The same field again replaces its edit. */
  g_assert_true (fascia_journal_put (journal, 7, 3, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Hip «better»\nsleeps through the night", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 3);

  /* Private, whatever the umask, and no temporary file left beside it. */
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (listing), ==, "edits.journal");
    g_assert_null (g_dir_read_name (listing));
  }

  g_clear_pointer (&journal, fascia_journal_free);
  journal = fascia_journal_open (path, NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 3);
  edit = fascia_journal_lookup (journal, 7, FASCIA_VISIT_FIELD_SUBJECTIVE);
  g_assert_nonnull (edit);
  g_assert_cmpstr (edit->text, ==, "Hip «better»\nsleeps through the night");
  g_assert_cmpint (edit->revision, ==, 3);
  edit = fascia_journal_lookup (journal, 7, FASCIA_VISIT_FIELD_PLAN_NOTES);
  g_assert_cmpstr (edit->text, ==, "");
  edit = fascia_journal_lookup (journal, 9, FASCIA_VISIT_FIELD_OBJECTIVE);
  g_assert_cmpstr (edit->text, ==, "Tight QL");
  g_assert_null (fascia_journal_lookup (journal, 9, FASCIA_VISIT_FIELD_SUBJECTIVE));

  /* Another database's journal is not this one's. */
  {
    g_autoptr(FasciaJournal) other = fascia_journal_open (path, "another on this computer",
                                                          &error);

    g_assert_null (other);
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "another database"));
    g_clear_error (&error);
  }

  /* Emptied, the file goes. */
  g_assert_true (fascia_journal_remove (journal, 7, FASCIA_VISIT_FIELD_SUBJECTIVE, &error));
  g_assert_true (fascia_journal_remove (journal, 7, FASCIA_VISIT_FIELD_PLAN_NOTES, &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (fascia_journal_remove (journal, 9, FASCIA_VISIT_FIELD_OBJECTIVE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The store's own journal lives in the user's data folder. */
  {
    g_autoptr(FasciaJournal) own = fascia_store_open_journal (fixture->store, &error);
    g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "fascia", "journal",
                                                  NULL);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (fascia_journal_get_path (own), data_dir));
  }
}

/* Each crafted or damaged file is refused with its name and the reason, and left as it is. */
static void
test_refused (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autofree char *path = journal_path (fixture);
  g_autofree char *target = g_build_filename (fixture->dir, "elsewhere", NULL);
  struct
  {
    const char *reason;
    GVariant   *payload;
  } crafted[] = {
    { "names no visit", g_variant_new_parsed ("(%s, [(int64 0, int64 1, uint32 0, 'x')])",
                                              NAME) },
    { "names no visit", g_variant_new_parsed ("(%s, [(int64 3, int64 -1, uint32 0, 'x')])",
                                              NAME) },
    { "names no visit", g_variant_new_parsed ("(%s, [(int64 3, int64 1, uint32 9, 'x')])",
                                              NAME) },
    { "same edit twice", g_variant_new_parsed ("(%s, [(int64 3, int64 1, uint32 0, 'x'), "
                                               "(int64 3, int64 2, uint32 0, 'y')])", NAME) },
    { "another database", g_variant_new_parsed ("('other', [(int64 3, int64 1, uint32 0, 'x')])") },
    { "not well formed", g_variant_new_parsed ("(%s, int64 3)", NAME) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaJournal) journal = NULL;
      g_autofree char *before = NULL;
      gsize length;

      write_journal (path, crafted[i].payload);
      g_assert_true (g_file_get_contents (path, &before, &length, NULL));

      journal = fascia_journal_open (path, NAME, &error);
      g_assert_null (journal);
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      if (strstr (error->message, crafted[i].reason) == NULL)
        g_error ("case %u: %s", i, error->message);
      assert_file_is (path, before, length);
    }

  /* Damaged: the checksum catches a changed byte or a file cut short. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FasciaJournal) journal = fascia_journal_open (path, NAME, &error);
    g_autofree char *good = NULL;
    gsize length;

    g_clear_error (&error);
    g_clear_pointer (&journal, fascia_journal_free);
    g_assert_cmpint (g_unlink (path), ==, 0);
    journal = fascia_journal_open (path, NAME, &error);
    g_assert_true (fascia_journal_put (journal, 5, 2, FASCIA_VISIT_FIELD_ASSESSMENT,
                                       "Trigger points in the left QL", &error));
    g_assert_no_error (error);
    g_clear_pointer (&journal, fascia_journal_free);
    g_assert_true (g_file_get_contents (path, &good, &length, NULL));

    good[length - 3] ^= 0x20;
    g_assert_true (g_file_set_contents (path, good, length, NULL));
    g_assert_null (fascia_journal_open (path, NAME, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "checksum"));
    g_clear_error (&error);
    good[length - 3] ^= 0x20;

    g_assert_true (g_file_set_contents (path, good, length - 10, NULL));
    g_assert_null (fascia_journal_open (path, NAME, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_clear_error (&error);

    g_assert_true (g_file_set_contents (path, "FASCIA-JOURNAL 1\nshort", -1, NULL));
    g_assert_null (fascia_journal_open (path, NAME, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_clear_error (&error);

    g_assert_true (g_file_set_contents (path, "SQLite format 3", -1, NULL));
    g_assert_null (fascia_journal_open (path, NAME, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "not a Fascia journal"));
    g_clear_error (&error);
  }

  /* A link is not read through, and a file too large is not read at all. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *big = g_malloc0 (FASCIA_JOURNAL_MAX_SIZE + 1);

    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_true (g_file_set_contents (target, "someone else's", -1, NULL));
    g_assert_cmpint (symlink (target, path), ==, 0);
    g_assert_null (fascia_journal_open (path, NAME, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "not a plain file"));
    g_clear_error (&error);
    assert_file_is (target, "someone else's", strlen ("someone else's"));

    g_assert_cmpint (g_unlink (path), ==, 0);
    memcpy (big, "FASCIA-JOURNAL 1\n", 17);
    g_assert_true (g_file_set_contents (path, big, FASCIA_JOURNAL_MAX_SIZE + 1, NULL));
    g_assert_null (fascia_journal_open (path, NAME, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "larger"));
  }
}

/* Rows' edits: kept through the file, and a crafted one refused (a kind, a property or a
 * value its row has not). */
static void
test_rows (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaJournal) journal = NULL;
  g_autofree char *path = journal_path (fixture);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaClient) back = fascia_client_new ();
  g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();
  const FasciaJournalEdit *edit;
  struct
  {
    const char *reason;
    GVariant   *payload;
  } crafted[] = {
    { "no kind", g_variant_new_parsed ("(%s, [(uint32 9, int64 3, int64 1, uint32 0, '', "
                                       "@a{sv} {})])", NAME) },
    { "has not", g_variant_new_parsed ("(%s, [(uint32 1, int64 3, int64 1, uint32 0, '', "
                                       "{'shoe-size': <int32 3>})])", NAME) },
    { "has not", g_variant_new_parsed ("(%s, [(uint32 1, int64 3, int64 1, uint32 0, '', "
                                       "{'name': <int32 3>})])", NAME) },
    { "has not", g_variant_new_parsed ("(%s, [(uint32 1, int64 3, int64 1, uint32 0, '', "
                                       "{'pregnancy-trimester': <uint32 9>})])", NAME) },
    { "has not", g_variant_new_parsed ("(%s, [(uint32 1, int64 3, int64 1, uint32 0, '', "
                                       "{'revision': <int64 9>})])", NAME) },
    { "names no row", g_variant_new_parsed ("(%s, [(uint32 1, int64 0, int64 1, uint32 0, '', "
                                            "@a{sv} {})])", NAME) },
    { "same edit twice", g_variant_new_parsed ("(%s, [(uint32 1, int64 3, int64 1, uint32 0, "
                                               "'', @a{sv} {}), (uint32 1, int64 3, int64 2, "
                                               "uint32 0, '', @a{sv} {})])", NAME) },
  };

  journal = fascia_journal_open (path, NAME, &error);
  fascia_client_set_id (client, 12);
  fascia_client_set_name (client, "Rosamund Ffolkes");
  fascia_client_set_date_of_birth (client, "1980-04-05");
  fascia_client_set_health_flags (client, FASCIA_HEALTH_PREGNANCY);
  fascia_client_set_pregnancy_trimester (client, 2);
  g_assert_true (fascia_journal_put_row (journal, FASCIA_JOURNAL_CLIENT, G_OBJECT (client), 4,
                                         &error));
  fascia_pain_mark_set_visit_id (mark, 5);
  fascia_pain_mark_set_view_id (mark, "anterior");
  fascia_pain_mark_set_x (mark, 0.125);
  fascia_pain_mark_set_y (mark, 0.75);
  /* Two marks added: two edits. */
  g_assert_true (fascia_journal_put_row (journal, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), 0,
                                         &error));
  g_assert_true (fascia_journal_put_row (journal, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), 0,
                                         &error));
  /* The same client again: one edit, the later. */
  fascia_client_set_phone (client, "555 0111");
  g_assert_true (fascia_journal_put_row (journal, FASCIA_JOURNAL_CLIENT, G_OBJECT (client), 4,
                                         &error));
  g_assert_no_error (error);
  g_clear_pointer (&journal, fascia_journal_free);

  journal = fascia_journal_open (path, NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 3);
  edit = fascia_journal_get_edit (journal, 0);
  g_assert_cmpint (edit->kind, ==, FASCIA_JOURNAL_CLIENT);
  g_assert_cmpint (edit->id, ==, 12);
  g_assert_cmpint (edit->revision, ==, 4);
  g_assert_true (fascia_journal_apply (edit, G_OBJECT (back), &error));
  g_assert_cmpstr (fascia_client_get_name (back), ==, "Rosamund Ffolkes");
  g_assert_cmpstr (fascia_client_get_phone (back), ==, "555 0111");
  g_assert_cmpstr (fascia_client_get_date_of_birth (back), ==, "1980-04-05");
  g_assert_cmpuint (fascia_client_get_pregnancy_trimester (back), ==, 2);
  /* Not onto another kind of row. */
  g_assert_false (fascia_journal_apply (edit, G_OBJECT (mark), &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (fascia_journal_remove_edit (journal, fascia_journal_get_edit (journal, 1),
                                             &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  g_clear_pointer (&journal, fascia_journal_free);

  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autofree char *before = NULL;
      gsize length;

      write_journal_version (path, crafted[i].payload, 2);
      g_assert_true (g_file_get_contents (path, &before, &length, NULL));
      journal = fascia_journal_open (path, NAME, &error);
      g_assert_null (journal);
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
      if (strstr (error->message, crafted[i].reason) == NULL)
        g_error ("case %u: %s", i, error->message);
      g_clear_error (&error);
      assert_file_is (path, before, length);
    }
}

typedef struct
{
  guint                n[5];
  GObject             *theirs;
} Replayed;

static void
replayed_cb (const FasciaJournalEdit *edit,
             FasciaJournalOutcome     outcome,
             GObject                 *theirs,
             gpointer                 user_data)
{
  Replayed *replayed = user_data;

  replayed->n[outcome]++;
  if (theirs != NULL)
    g_set_object (&replayed->theirs, theirs);
}

static FasciaVisit *
add_visit (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Ottoline Brackenbury");
  FasciaVisit *visit = fascia_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, now);
  fascia_visit_set_subjective (visit, "As typed before");
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  return visit;
}

/* This Fascia writes journals of version 4, reads those of version 3 (alike, with additions
 * of plan targets and marks alone) and 2 (additions with no token) and saves their edits, and refuses one of a later version — made by a newer Fascia,
 * whose entries it may misread — in one line that says so, leaving it as it is. A token is
 * only an addition's, and only a UUID. */
static void
test_versions (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaJournal) journal = NULL;
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(GListModel) marks = NULL;
  g_autofree char *path = journal_path (fixture);
  g_autofree char *contents = NULL;
  g_autofree char *token = g_uuid_string_random ();
  const FasciaJournalEdit *edit;
  gint64 visit_id;
  gsize length;

  visit = add_visit (fixture);
  visit_id = fascia_visit_get_id (visit);

  /* Version 2: a mark added while the server was away (nothing sent) and a note. */
  write_journal_version (path, g_variant_new_parsed (
    "(%s, [(uint32 5, int64 -1, int64 %x, uint32 0, '', "
    "{'visit-id': <int64 %x>, 'view-id': <@ms 'posterior-deep'>, "
    "'region-id': <@ms 'm-piriformis-r'>, 'intensity': <uint32 4>}), "
    "(uint32 0, int64 %x, int64 1, uint32 2, 'Typed in version 2', @a{sv} {})])",
    NAME, G_MAXINT64, visit_id, visit_id), 2);
  journal = fascia_journal_open (path, NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  edit = fascia_journal_get_edit (journal, 0);
  g_assert_cmpint (edit->kind, ==, FASCIA_JOURNAL_PAIN_MARK);
  g_assert_cmpint (edit->id, ==, -1);
  g_assert_null (edit->token);
  g_assert_true (fascia_store_replay_journal (fixture->store, journal, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  marks = fascia_store_list_pain_marks (fixture->store, visit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
  g_clear_object (&visit);
  visit = fascia_store_get_visit (fixture->store, visit_id, &error);
  g_assert_cmpstr (fascia_visit_get_assessment (visit), ==, "Typed in version 2");
  g_clear_pointer (&journal, fascia_journal_free);

  /* Written as version 4, with the token of a mark added (its INSERT's) read back. */
  {
    g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();
    g_autoptr(GError) failure = g_error_new_literal (FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                                                     "The server cannot be reached");

    fascia_pain_mark_set_visit_id (mark, visit_id);
    fascia_pain_mark_set_view_id (mark, "posterior-deep");
    fascia_pain_mark_set_region_id (mark, "m-gluteus-medius-r");
    fascia_pain_mark_set_intensity (mark, 6);
    fascia_store_set_journal (fixture->store, fascia_journal_open (path, NAME, &error));
    g_assert_no_error (error);
    fascia_store_keep_in_journal (fixture->store, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), 0,
                                  token, failure);
    g_assert_true (fascia_store_edit_was_kept (fixture->store, failure));
    g_assert_cmpint (fascia_pain_mark_get_id (mark), <, 0);
    fascia_store_set_journal (fixture->store, NULL);
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "FASCIA-JOURNAL 4\n"));
  journal = fascia_journal_open (path, NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_cmpstr (fascia_journal_get_edit (journal, 0)->token, ==, token);
  g_assert_cmpint (fascia_journal_get_edit (journal, 0)->id, <, 0);
  g_clear_pointer (&journal, fascia_journal_free);

  /* Version 3, laid out alike: a mark added, with its token, read as such. */
  write_journal_version (path, g_variant_new_parsed (
    "(%s, [(uint32 5, int64 -1, int64 0, uint32 0, '', %s, "
    "{'visit-id': <int64 %x>, 'view-id': <@ms 'posterior-deep'>, "
    "'region-id': <@ms 'm-piriformis-r'>, 'intensity': <uint32 4>})])",
    NAME, token, visit_id), 3);
  journal = fascia_journal_open (path, NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_cmpstr (fascia_journal_get_edit (journal, 0)->token, ==, token);
  g_clear_pointer (&journal, fascia_journal_free);

  /* Crafted tokens: on a row that is not an addition, not a UUID, or with a revision. */
  {
    struct
    {
      const char *reason;
      GVariant   *payload;
    } crafted[] = {
      { "token", g_variant_new_parsed ("(%s, [(uint32 1, int64 3, int64 1, uint32 0, '', %s, "
                                       "@a{sv} {})])", NAME, token) },
      { "token", g_variant_new_parsed ("(%s, [(uint32 5, int64 -1, int64 0, uint32 0, '', "
                                       "'not-a-uuid', {'visit-id': <int64 3>})])", NAME) },
      { "token", g_variant_new_parsed ("(%s, [(uint32 5, int64 -1, int64 7, uint32 0, '', %s, "
                                       "{'visit-id': <int64 3>})])", NAME, token) },
    };

    for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
      {
        g_autofree char *before = NULL;

        write_journal_version (path, crafted[i].payload, 3);
        g_assert_true (g_file_get_contents (path, &before, &length, NULL));
        g_assert_null (fascia_journal_open (path, NAME, &error));
        g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
        if (strstr (error->message, crafted[i].reason) == NULL)
          g_error ("case %u: %s", i, error->message);
        g_clear_error (&error);
        assert_file_is (path, before, length);
      }
  }

  /* A later version, well formed or not: refused as a newer Fascia's, in one line, and left
   * as it is. */
  for (guint version = 5; version <= 41; version += 36)
    {
      g_autofree char *before = NULL;

      write_journal_version (path, g_variant_new_parsed (
        "(%s, [(uint32 0, int64 3, int64 1, uint32 0, 'x', '', @a{sv} {}, 'more')])", NAME),
        version);
      g_assert_true (g_file_get_contents (path, &before, &length, NULL));
      g_assert_null (fascia_journal_open (path, NAME, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "made by a newer Fascia"));
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
      assert_file_is (path, before, length);
    }
  g_assert_true (g_file_set_contents (path, "FASCIA-JOURNAL 0\n", -1, NULL));
  g_assert_null (fascia_journal_open (path, NAME, &error));
  g_assert_nonnull (strstr (error->message, "not a Fascia journal"));
  g_clear_error (&error);
}

/* Replayed once, each edit is saved once; replayed again (as after a second loss of the
 * line before the journal could be emptied), none is saved twice. A visit someone else saved
 * meanwhile is a conflict, and its edit stays until the user chooses. */
static void
test_replay (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaJournal) journal = NULL;
  g_autoptr(FasciaVisit) visit = add_visit (fixture);
  g_autoptr(FasciaVisit) other = add_visit (fixture);
  g_autoptr(FasciaVisit) saved = NULL;
  g_autofree char *path = journal_path (fixture);
  gint64 id = fascia_visit_get_id (visit);
  gint64 other_id = fascia_visit_get_id (other);
  Replayed replayed = { 0 };

  journal = fascia_journal_open (path, NAME, &error);
  /* Two fields of one visit, typed while the server was away, from the revision read. */
  g_assert_true (fascia_journal_put (journal, id, 1, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Typed offline", &error));
  g_assert_true (fascia_journal_put (journal, id, 1, FASCIA_VISIT_FIELD_ASSESSMENT,
                                     "QL trigger points", &error));
  /* Someone else saved the other visit meanwhile. */
  g_assert_true (fascia_journal_put (journal, other_id, 1, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Mine, offline", &error));
  g_assert_true (fascia_store_update_visit_field (fixture->store, other_id,
                                                  FASCIA_VISIT_FIELD_SUBJECTIVE, "Theirs",
                                                  &error));
  /* A visit deleted meanwhile. */
  g_assert_true (fascia_journal_put (journal, 999999, 1, FASCIA_VISIT_FIELD_OBJECTIVE, "Lost?",
                                     &error));
  g_assert_no_error (error);

  g_assert_true (fascia_store_replay_journal (fixture->store, journal, replayed_cb, &replayed,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (replayed.n[FASCIA_JOURNAL_SAVED], ==, 2);
  g_assert_cmpuint (replayed.n[FASCIA_JOURNAL_CONFLICT], ==, 1);
  g_assert_cmpuint (replayed.n[FASCIA_JOURNAL_GONE], ==, 1);
  g_assert_cmpstr (fascia_visit_get_subjective (FASCIA_VISIT (replayed.theirs)), ==, "Theirs");

  saved = fascia_store_get_visit (fixture->store, id, &error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, "Typed offline");
  g_assert_cmpstr (fascia_visit_get_assessment (saved), ==, "QL trigger points");
  g_assert_cmpint (fascia_visit_get_revision (saved), ==, 3);
  g_clear_object (&saved);
  saved = fascia_store_get_visit (fixture->store, other_id, &error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, "Theirs");

  /* Only the conflict is left, on disk too. */
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_nonnull (fascia_journal_lookup (journal, other_id, FASCIA_VISIT_FIELD_SUBJECTIVE));
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (path, NAME, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_journal_get_n_edits (reread), ==, 1);
  }

  /* The same edit again (its save reached the server, the journal was not emptied): it is
   * there already, and nothing is saved. */
  g_assert_true (fascia_journal_put (journal, id, 1, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Typed offline", &error));
  memset (&replayed.n, 0, sizeof replayed.n);
  g_assert_true (fascia_store_replay_journal (fixture->store, journal, replayed_cb, &replayed,
                                              &error));
  g_assert_cmpuint (replayed.n[FASCIA_JOURNAL_ALREADY], ==, 1);
  g_assert_cmpuint (replayed.n[FASCIA_JOURNAL_SAVED], ==, 0);
  g_clear_object (&saved);
  saved = fascia_store_get_visit (fixture->store, id, &error);
  g_assert_cmpint (fascia_visit_get_revision (saved), ==, 3);

  /* The user kept theirs: the edit goes. */
  g_assert_true (fascia_journal_remove (journal, other_id, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                        &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&replayed.theirs);
}

/* A clinic server named by a connection service (pg_service.conf) has the same name whether it
 * answers or not, so that the edits kept while it is away are in the journal read when it is
 * back. Before, a connection named by a service alone was named by libpq's defaults until it
 * answered (the login's name), and by the service's database after: two journals. */
static void
test_named_by_service (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *service_file = g_build_filename (fixture->dir, "pg_service.conf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  PQconninfoOption *options = PQconninfoParse (fixture->path, NULL);
  const char *host = NULL, *dbname = NULL;
  FasciaDb *connected, *away;

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "host"))
      host = o->val;
    else if (g_str_equal (o->keyword, "dbname"))
      dbname = o->val;
  g_assert_nonnull (host);
  g_assert_nonnull (dbname);
  /* Sections before and after, a comment, an indented line: as libpq reads them. */
  contents = g_strdup_printf ("# The clinic's servers\n"
                              "[before]\ndbname=elsewhere\n\n"
                              "[clinic]\nhost=%s\n  dbname=%s\nuser=fascia\n"
                              "[after]\ndbname=later\n"
                              "[remote]\nhost=db.clinic.example\ndbname=records\n",
                              host, dbname);
  g_assert_true (g_file_set_contents (service_file, contents, -1, &error));
  g_assert_no_error (error);
  g_setenv ("PGSERVICEFILE", service_file, TRUE);
  expected = g_strdup_printf ("%s on this computer", dbname);

  connected = fascia_db_postgres_open ("service=clinic", &error);
  g_assert_no_error (error);
  away = fascia_db_postgres_new_unconnected ("service=clinic", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_db_get_name (connected), ==, expected);
  g_assert_cmpstr (fascia_db_get_name (away), ==, expected);
  fascia_db_close (connected);
  fascia_db_close (away);

  /* The string's own settings before the service's. */
  away = fascia_db_postgres_new_unconnected ("service=clinic dbname=other", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_db_get_name (away), ==, "other on this computer");
  fascia_db_close (away);
  /* A server by its host name, not reached: named as it will be when it answers. */
  away = fascia_db_postgres_new_unconnected ("service=remote", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_db_get_name (away), ==, "records on db.clinic.example");
  fascia_db_close (away);

  g_unsetenv ("PGSERVICEFILE");
  PQconninfoFree (options);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  STORE_TEST_SQLITE ("/fascia/core/store/journal/round-trip", test_round_trip);
  STORE_TEST_SQLITE ("/fascia/core/store/journal/refused", test_refused);
  STORE_TEST_SQLITE ("/fascia/core/store/journal/rows", test_rows);
  STORE_TEST ("/fascia/core/store/journal/replay", test_replay);
  STORE_TEST ("/fascia/core/store/journal/versions", test_versions);
  g_test_add ("/postgresql/fascia/core/store/journal/named-by-service", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_named_by_service, store_fixture_tear_down);

  return g_test_run ();
}
