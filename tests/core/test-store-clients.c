/* test-store-clients.c — clients: CRUD, search as you type, archive, soft delete, CSV import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-intake.h"
#include "fascia/fascia-records-export.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

static const char *awkward_names[] = {
  "Robert'); DROP TABLE clients;--",
  "O'Brien \"Bunny\" McTavish",
  "Zoë Ångström-Łukasiewicz",
  "Juniper 🌿 Quillfeather 🦴",
  "%_* LIKE wildcards \\ and \n a newline",
  "日本語の名前",
};

static void
test_round_trip (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GString *big = g_string_sized_new (1024 * 1024);

  /* 1 MB of notes, with every kind of character a therapist might paste. */
  while (big->len < 1024 * 1024)
    g_string_append (big, "Pain 7/10 — L4–L5 “sharp”; 'quoted'; émoji 😣; <tag> & \\ %_\n");

  for (guint i = 0; i < G_N_ELEMENTS (awkward_names); i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autoptr(FasciaClient) read = NULL;

      fascia_client_set_name (client, awkward_names[i]);
      fascia_client_set_email (client, "o'brien+test@example.org");
      fascia_client_set_phone (client, "+1 (555) 010-2030");
      fascia_client_set_date_of_birth (client, "1980-02-29");
      fascia_client_set_health_flags (client, FASCIA_HEALTH_PREGNANCY |
                                              FASCIA_HEALTH_RECENT_SURGERY);
      fascia_client_set_health_notes (client, "C-section 2023-06; warfarin? no");
      fascia_client_set_notes (client, big->str);

      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
      g_assert_nonnull (fascia_client_get_created_at (client));

      store_fixture_reopen (fixture);
      read = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (fascia_client_get_name (read), ==, awkward_names[i]);
      g_assert_cmpstr (fascia_client_get_email (read), ==, "o'brien+test@example.org");
      g_assert_cmpstr (fascia_client_get_phone (read), ==, "+1 (555) 010-2030");
      g_assert_cmpstr (fascia_client_get_date_of_birth (read), ==, "1980-02-29");
      g_assert_cmpint (fascia_client_get_health_flags (read), ==,
                       FASCIA_HEALTH_PREGNANCY | FASCIA_HEALTH_RECENT_SURGERY);
      g_assert_cmpstr (fascia_client_get_health_notes (read), ==,
                       "C-section 2023-06; warfarin? no");
      g_assert_cmpstr (fascia_client_get_notes (read), ==, big->str);
      g_assert_false (fascia_client_get_archived (read));
      g_assert_true (g_date_time_equal (fascia_client_get_created_at (read),
                                        fascia_client_get_created_at (client)));
      g_assert_finalize_object (g_steal_pointer (&read));
      g_assert_finalize_object (g_steal_pointer (&client));
    }

  g_string_free (big, TRUE);
}

static void
test_update (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Marigold Puddingstone");
  g_autoptr(FasciaClient) read = NULL;
  g_autoptr(FasciaClient) ghost = fascia_client_new ();
  GDateTime *created = fascia_client_get_created_at (client);

  fascia_client_set_name (client, "Marigold Puddingstone-Wren");
  fascia_client_set_date_of_birth (client, "");
  fascia_client_set_health_flags (client, FASCIA_HEALTH_ANTICOAGULANTS);
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  g_assert_no_error (error);

  read = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_name (read), ==, "Marigold Puddingstone-Wren");
  g_assert_cmpstr (fascia_client_get_date_of_birth (read), ==, "");
  g_assert_cmpint (fascia_client_get_health_flags (read), ==, FASCIA_HEALTH_ANTICOAGULANTS);
  g_assert_true (g_date_time_equal (fascia_client_get_created_at (read), created));
  g_assert_cmpint (g_date_time_compare (fascia_client_get_updated_at (read), created), >=, 0);

  /* Every intake flag of the vocabulary, and the trimester, are stored (migration 3). */
  {
    FasciaHealthFlags all = FASCIA_HEALTH_NONE;
    g_autoptr(FasciaClient) again = NULL;
    guint n_flags;
    const FasciaHealthFlags *flags = fascia_health_flag_list (&n_flags);

    for (guint i = 0; i < n_flags; i++)
      all |= flags[i];
    g_assert_cmpuint (n_flags, ==, 13);
    fascia_client_set_health_flags (client, all);
    fascia_client_set_pregnancy_trimester (client, 3);
    g_assert_true (fascia_store_update_client (fixture->store, client, &error));
    g_assert_no_error (error);
    again = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
    g_assert_no_error (error);
    g_assert_cmpint (fascia_client_get_health_flags (again), ==, all);
    g_assert_cmpuint (fascia_client_get_pregnancy_trimester (again), ==, 3);
  }

  /* A client not in the store. */
  fascia_client_set_id (ghost, 999);
  fascia_client_set_name (ghost, "Nobody");
  g_assert_false (fascia_store_update_client (fixture->store, ghost, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (fascia_store_get_client (fixture->store, 999, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *name;
  const char *email;
  const char *phone;
  const char *dob;
} InvalidClient;

static const InvalidClient invalid_clients[] = {
  { "", NULL, NULL, NULL },
  { "   \t ", NULL, NULL, NULL },
  { "Valid Name", "not-an-email", NULL, NULL },
  { "Valid Name", "two@@example.org", NULL, NULL },
  { "Valid Name", NULL, "no digits here", NULL },
  { "Valid Name", NULL, NULL, "12/03/1980" },
  { "Valid Name", NULL, NULL, "1980-02-30" },
  { "Valid Name", NULL, NULL, "1980-2-3" },
  { "Bad \xff UTF-8", NULL, NULL, NULL },
};

static void
test_invalid (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (invalid_clients); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaClient) client = fascia_client_new ();

      fascia_client_set_name (client, invalid_clients[i].name);
      fascia_client_set_email (client, invalid_clients[i].email);
      fascia_client_set_phone (client, invalid_clients[i].phone);
      fascia_client_set_date_of_birth (client, invalid_clients[i].dob);

      g_test_message ("case %u", i);
      g_assert_false (fascia_store_add_client (fixture->store, client, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
      g_assert_cmpint (fascia_client_get_id (client), ==, 0);
    }

  all = fascia_store_list_clients (fixture->store, NULL, FASCIA_STORE_LIST_ARCHIVED, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);
}

static const char *search_names[][3] = {
  /* name, email, phone */
  { "Percival Quagmire", "percy@example.org", "555-0101" },
  { "Zoë Marchpane", "zoe.m@example.com", "(555) 010-2030" },
  { "Ottoline Fernsby", "otto@fernsby.example", "+44 20 7946 0999" },
  { "Barnaby Thistlewood", "", "" },
  { "Marigold Quill", "goldie@example.net", "555 777 1234" },
};

static guint
count (StoreFixture *fixture,
       const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, query,
                                                          FASCIA_STORE_LIST_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == FASCIA_TYPE_CLIENT);
  return g_list_model_get_n_items (list);
}

static void
test_search (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(FasciaClient) first = NULL;
  g_autoptr(FasciaClient) last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (search_names); i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();

      fascia_client_set_name (client, search_names[i][0]);
      fascia_client_set_email (client, search_names[i][1]);
      fascia_client_set_phone (client, search_names[i][2]);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpuint (count (fixture, NULL), ==, 5);
  g_assert_cmpuint (count (fixture, ""), ==, 5);
  g_assert_cmpuint (count (fixture, "   "), ==, 5);
  /* Shorter than three characters: names that begin with it. */
  g_assert_cmpuint (count (fixture, "q"), ==, 0);
  g_assert_cmpuint (count (fixture, "m"), ==, 1);
  g_assert_cmpuint (count (fixture, "ZO"), ==, 1);
  g_assert_cmpuint (count (fixture, "ö"), ==, 1);
  g_assert_cmpuint (count (fixture, "ot"), ==, 1);
  /* Any part of the name, any case, with or without accents. */
  g_assert_cmpuint (count (fixture, "qua"), ==, 1);
  g_assert_cmpuint (count (fixture, "qu"), ==, 0);
  g_assert_cmpuint (count (fixture, "uil"), ==, 1);
  g_assert_cmpuint (count (fixture, "QUAG"), ==, 1);
  g_assert_cmpuint (count (fixture, "zoe"), ==, 1);
  g_assert_cmpuint (count (fixture, "ZOË"), ==, 1);
  g_assert_cmpuint (count (fixture, "march"), ==, 1);
  g_assert_cmpuint (count (fixture, "ernsb"), ==, 1);
  /* Words in any order, each anywhere. */
  g_assert_cmpuint (count (fixture, "quill marigold"), ==, 1);
  g_assert_cmpuint (count (fixture, "quill percival"), ==, 0);
  /* Email and phone, the phone by its digits however it is written. */
  g_assert_cmpuint (count (fixture, "example.org"), ==, 1);
  g_assert_cmpuint (count (fixture, "@fernsby"), ==, 1);
  g_assert_cmpuint (count (fixture, "5550102030"), ==, 1);
  g_assert_cmpuint (count (fixture, "010-2030"), ==, 1);
  g_assert_cmpuint (count (fixture, "7946"), ==, 1);
  /* Nothing that looks like SQL or LIKE patterns matches everything. */
  g_assert_cmpuint (count (fixture, "%"), ==, 0);
  g_assert_cmpuint (count (fixture, "_"), ==, 0);
  g_assert_cmpuint (count (fixture, "' OR 1=1 --"), ==, 0);
  g_assert_cmpuint (count (fixture, "nobody"), ==, 0);

  /* Sorted by name, read lazily. */
  list = fascia_store_list_clients (fixture->store, NULL, FASCIA_STORE_LIST_NONE, &error);
  first = g_list_model_get_item (list, 0);
  last = g_list_model_get_item (list, 4);
  g_assert_cmpstr (fascia_client_get_name (first), ==, "Barnaby Thistlewood");
  g_assert_cmpstr (fascia_client_get_name (last), ==, "Zoë Marchpane");
  g_assert_null (g_list_model_get_item (list, 5));
}

static void
test_archive (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) a = fixture_add_client (fixture, "Archibald Gumption");
  g_autoptr(FasciaClient) b = fixture_add_client (fixture, "Beatrix Gumption");
  g_autoptr(FasciaClient) read = NULL;
  g_autoptr(GListModel) with_archived = NULL;

  g_assert_true (fascia_store_set_client_archived (fixture->store, fascia_client_get_id (a),
                                                   TRUE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count (fixture, "gumption"), ==, 1);
  with_archived = fascia_store_list_clients (fixture->store, "gumption",
                                             FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (with_archived), ==, 2);

  read = fascia_store_get_client (fixture->store, fascia_client_get_id (a), &error);
  g_assert_true (fascia_client_get_archived (read));

  g_assert_true (fascia_store_set_client_archived (fixture->store, fascia_client_get_id (a),
                                                   FALSE, &error));
  g_assert_cmpuint (count (fixture, "gumption"), ==, 2);
}

typedef struct
{
  GArray *tables;
  GArray *changes;
  GArray *ids;
} Changes;

static void
changed_cb (FasciaStore       *store,
            FasciaStoreTable   table,
            FasciaStoreChange  change,
            gint64             id,
            gint64             client_id,
            gpointer           user_data)
{
  Changes *c = user_data;

  g_array_append_val (c->tables, table);
  g_array_append_val (c->changes, change);
  g_array_append_val (c->ids, id);
}

static void
test_delete_undo (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Cornelius Wigglesworth");
  g_autoptr(FasciaClient) read = NULL;
  gint64 id = fascia_client_get_id (client);
  Changes c = {
    g_array_new (FALSE, FALSE, sizeof (FasciaStoreTable)),
    g_array_new (FALSE, FALSE, sizeof (FasciaStoreChange)),
    g_array_new (FALSE, FALSE, sizeof (gint64)),
  };
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed::clients", G_CALLBACK (changed_cb), &c);

  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, NULL), ==, 0);
  g_assert_null (fascia_store_get_client (fixture->store, id, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting twice is an error; nothing changes. */
  g_assert_false (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS, id, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo survives a restart. */
  store_fixture_reopen (fixture);
  handler = g_signal_connect (fixture->store, "changed::clients", G_CALLBACK (changed_cb), &c);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_CLIENTS, id, &error));
  g_assert_no_error (error);
  read = fascia_store_get_client (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_name (read), ==, "Cornelius Wigglesworth");
  g_assert_cmpuint (count (fixture, "wiggle"), ==, 1);

  g_assert_false (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_CLIENTS, id, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);

  /* One signal per committed change, none for the failures. */
  g_assert_cmpuint (c.changes->len, ==, 2);
  g_assert_cmpint (g_array_index (c.changes, FasciaStoreChange, 0), ==,
                   FASCIA_STORE_CHANGE_DELETED);
  g_assert_cmpint (g_array_index (c.changes, FasciaStoreChange, 1), ==,
                   FASCIA_STORE_CHANGE_RESTORED);
  g_assert_cmpint (g_array_index (c.ids, gint64, 1), ==, id);

  g_signal_handler_disconnect (fixture->store, handler);
  g_array_unref (c.tables);
  g_array_unref (c.changes);
  g_array_unref (c.ids);
}

static void
test_signals (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) bad = fascia_client_new ();
  Changes c = {
    g_array_new (FALSE, FALSE, sizeof (FasciaStoreTable)),
    g_array_new (FALSE, FALSE, sizeof (FasciaStoreChange)),
    g_array_new (FALSE, FALSE, sizeof (gint64)),
  };
  Changes plans_only = {
    g_array_new (FALSE, FALSE, sizeof (FasciaStoreTable)),
    g_array_new (FALSE, FALSE, sizeof (FasciaStoreChange)),
    g_array_new (FALSE, FALSE, sizeof (gint64)),
  };

  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &c);
  g_signal_connect (fixture->store, "changed::plans", G_CALLBACK (changed_cb), &plans_only);

  {
    g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Ignatius Fumblewick");

    fascia_client_set_notes (client, "Prefers morning appointments");
    g_assert_true (fascia_store_update_client (fixture->store, client, &error));
    g_assert_cmpuint (c.changes->len, ==, 2);
    g_assert_cmpint (g_array_index (c.tables, FasciaStoreTable, 0), ==,
                     FASCIA_STORE_TABLE_CLIENTS);
    g_assert_cmpint (g_array_index (c.changes, FasciaStoreChange, 0), ==,
                     FASCIA_STORE_CHANGE_ADDED);
    g_assert_cmpint (g_array_index (c.changes, FasciaStoreChange, 1), ==,
                     FASCIA_STORE_CHANGE_UPDATED);
    g_assert_cmpint (g_array_index (c.ids, gint64, 1), ==, fascia_client_get_id (client));
  }

  /* A refused change says nothing. */
  fascia_client_set_name (bad, "");
  g_assert_false (fascia_store_add_client (fixture->store, bad, &error));
  g_assert_cmpuint (c.changes->len, ==, 2);
  g_assert_cmpuint (plans_only.changes->len, ==, 0);

  g_signal_handlers_disconnect_by_data (fixture->store, &c);
  g_signal_handlers_disconnect_by_data (fixture->store, &plans_only);
  g_array_unref (c.tables);
  g_array_unref (c.changes);
  g_array_unref (c.ids);
  g_array_unref (plans_only.tables);
  g_array_unref (plans_only.changes);
  g_array_unref (plans_only.ids);
}

/* CSV import */

typedef struct
{
  const char *file;
  guint       n_imported;      /* when it succeeds */
  const char *error_part;      /* else what the message says */
  const char *ignored;         /* comma-separated ignored columns */
} ImportCase;

static const ImportCase import_cases[] = {
  { "good.csv", 4, NULL, "" },
  { "bom.csv", 2, NULL, "" },
  { "quoted.csv", 2, NULL, "" },
  { "unknown-column.csv", 1, NULL, "address,favourite colour" },
  { "bad-row.csv", 0, "line 3: “1961-02-30” is not a date", NULL },
  { "garbage.bin", 0, "line 3: this is not a text file", NULL },
  { "latin1.csv", 1, NULL, "" },
  { "no-name-column.csv", 0, "line 1: the first line must name the columns", NULL },
  { "field-count.csv", 0, "line 2: 3 fields, but the first line names 2 columns", NULL },
  { "unclosed-quote.csv", 0, "line 2: a quoted field is never closed", NULL },
};

static GBytes *
read_data (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_import (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(FasciaClient) existing = fixture_add_client (fixture, "Already Here");

  g_assert_cmpint (fascia_client_get_id (existing), >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      const ImportCase *ic = &import_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = read_data (ic->file);
      g_auto(GStrv) ignored = NULL;
      guint before = count (fixture, NULL);
      guint n = 0;
      gboolean ok;

      g_test_message ("%s", ic->file);
      ok = fascia_store_import_clients (fixture->store, bytes, &n, &ignored, &error);

      if (ic->error_part == NULL)
        {
          g_autofree char *joined = NULL;

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (n, ==, ic->n_imported);
          joined = g_strjoinv (",", ignored);
          g_assert_cmpstr (joined, ==, ic->ignored);
          g_assert_cmpuint (count (fixture, NULL), ==, before + ic->n_imported);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
          g_test_message ("%s", error->message);
          g_assert_true (g_str_has_prefix (error->message, ic->error_part));
          /* All or nothing: the valid rows before the bad one were not kept. */
          g_assert_cmpuint (count (fixture, NULL), ==, before);
        }
    }
}

static void
test_import_values (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) quoted = read_data ("quoted.csv");
  g_autoptr(GBytes) bom = read_data ("bom.csv");
  g_autoptr(GBytes) good = read_data ("good.csv");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(FasciaClient) rufus = NULL;
  g_autoptr(FasciaClient) clem = NULL;
  g_autoptr(FasciaClient) zoe = NULL;
  g_autoptr(FasciaClient) bobby = NULL;

  g_assert_true (fascia_store_import_clients (fixture->store, quoted, NULL, NULL, &error));
  g_assert_true (fascia_store_import_clients (fixture->store, bom, NULL, NULL, &error));
  g_assert_true (fascia_store_import_clients (fixture->store, good, NULL, NULL, &error));
  g_assert_no_error (error);

  list = fascia_store_list_clients (fixture->store, "puddingstone", 0, &error);
  rufus = g_list_model_get_item (list, 0);
  g_assert_cmpstr (fascia_client_get_notes (rufus), ==,
                   "Line one\nline two, with a comma\nand a \"quoted\" word");
  g_clear_object (&list);

  list = fascia_store_list_clients (fixture->store, "clem", 0, &error);
  clem = g_list_model_get_item (list, 0);
  g_assert_cmpstr (fascia_client_get_name (clem), ==, "Clementine \"Clem\" Applebury");
  g_clear_object (&list);

  /* The BOM does not stick to the first column's name: "dob" was recognised. */
  list = fascia_store_list_clients (fixture->store, "zoe", 0, &error);
  zoe = g_list_model_get_item (list, 0);
  g_assert_cmpstr (fascia_client_get_date_of_birth (zoe), ==, "1985-02-28");
  g_assert_cmpstr (fascia_client_get_email (zoe), ==, "zoe@example.com");
  g_clear_object (&list);

  list = fascia_store_list_clients (fixture->store, "drop table", 0, &error);
  bobby = g_list_model_get_item (list, 0);
  g_assert_cmpstr (fascia_client_get_name (bobby), ==, "Robert'); DROP TABLE clients;-- 🦴");
  g_assert_cmpstr (fascia_client_get_notes (bobby), ==, "Said \"it pinches\" at L4");
}

/* The privacy switch (issue 12, item 8): names become initials. */
static void
test_initials (void)
{
  static const struct { const char *name; const char *initials; } cases[] = {
    { "Maria Lopez", "M. L." },
    { "Tom O'Neil & <Sons>", "T. O. S." },
    { "zoë van der berg", "Z. V. D. B." },
    { "Anne-Marie Ng", "A. M. N." },
    { "   ", "?" },
    { "", "?" },
    { "李 小龍", "李. 小." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *initials = fascia_client_format_initials (cases[i].name);

      g_assert_cmpstr (initials, ==, cases[i].initials);
    }
}

#define COUNT_WRITERS 4
#define COUNT_CLIENTS 60

static void
count_changes_cb (guint *n)
{
  (*n)++;
}

static void
grown_cb (GListModel *list,
          guint       position,
          guint       removed,
          guint       added,
          guint      *n_grown)
{
  g_assert_cmpuint (position, ==, *n_grown);
  g_assert_cmpuint (removed, ==, 0);
  *n_grown += added;
}

/* Waits, on this thread's main loop, until a growing list's count in the background is
 * done. */
static void
wait_counted (GListModel *list)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gboolean growing = TRUE;

  while (g_object_get (list, "growing", &growing, NULL), growing
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (growing);
}

/* A growing list (the window's) counts a search up to a bound, and on in the background,
 * until it holds what the whole count finds, in the same order. */
static void
test_growing (StoreFixture  *fixture,
              gconstpointer  data)
{
  static const char *queries[] = { "grow", "gr", "row 1", "GROW 2" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Grow %03u", (i * 7) % 300);

      fascia_client_set_name (client, i % 30 == 0 ? "Other Client" : name);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GListModel) whole = fascia_store_list_clients (fixture->store, queries[q], 0,
                                                               &error);
      g_autoptr(GListModel) grows = fascia_store_list_clients (fixture->store, queries[q],
                                                               FASCIA_STORE_LIST_GROWING,
                                                               &error);
      guint n_whole, n_grown;

      g_assert_no_error (error);
      n_whole = g_list_model_get_n_items (whole);
      n_grown = g_list_model_get_n_items (grows);
      g_test_message ("%s: %u found, %u counted first", queries[q], n_whole, n_grown);
      g_assert_cmpuint (n_grown, ==, MIN (n_whole, 128));
      g_signal_connect (grows, "items-changed", G_CALLBACK (grown_cb), &n_grown);

      /* Read to the end, as a view scrolled down would, and wait for the count. */
      {
        g_autoptr(FasciaClient) client = g_list_model_get_item (grows, n_grown - 1);
      }
      wait_counted (grows);
      g_assert_cmpuint (n_grown, ==, n_whole);
      g_assert_cmpuint (g_list_model_get_n_items (grows), ==, n_whole);
      for (guint i = 0; i < n_whole; i++)
        {
          g_autoptr(FasciaClient) a = g_list_model_get_item (whole, i);
          g_autoptr(FasciaClient) b = g_list_model_get_item (grows, i);

          g_assert_cmpint (fascia_client_get_id (a), ==, fascia_client_get_id (b));
        }
    }
}

static void
add_grow_clients (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Grow %03u", (i * 7) % 300);

      fascia_client_set_name (client, i % 30 == 0 ? "Other Client" : name);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
}

/* A growing list reaches its whole length by itself, in one change, without a row read:
 * a view's scroll bar shows the whole list a moment after the search, and does not grow as
 * it is scrolled. */
static void
test_growing_background (StoreFixture  *fixture,
                         gconstpointer  data)
{
  static const char *queries[] = { "grow", "gr", "row" };
  g_autoptr(GError) error = NULL;

  add_grow_clients (fixture);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GListModel) whole = fascia_store_list_clients (fixture->store, queries[q], 0,
                                                               &error);
      g_autoptr(GListModel) grows = fascia_store_list_clients (fixture->store, queries[q],
                                                               FASCIA_STORE_LIST_GROWING,
                                                               &error);
      guint n_whole, n_grown, n_changes = 0;

      g_assert_no_error (error);
      n_whole = g_list_model_get_n_items (whole);
      n_grown = g_list_model_get_n_items (grows);
      g_assert_cmpuint (n_whole, >, 128);
      g_assert_cmpuint (n_grown, ==, 128);
      g_signal_connect (grows, "items-changed", G_CALLBACK (grown_cb), &n_grown);
      g_signal_connect_swapped (grows, "items-changed", G_CALLBACK (count_changes_cb),
                                &n_changes);
      wait_counted (grows);
      g_test_message ("%s: %u found, %u counted in the background, %u changes", queries[q],
                      n_whole, n_grown, n_changes);
      g_assert_cmpuint (n_grown, ==, n_whole);
      g_assert_cmpuint (n_changes, ==, 1);
    }
}

/* The rest of a growing list is counted in a worker, on a connection of its own: the store's
 * own connection (the window's) runs no query for it, whatever the list's length. */
static void
test_growing_in_worker (StoreFixture  *fixture,
                        gconstpointer  data)
{
  static const char *queries[] = { "grow", "gr", "row" };
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);

  add_grow_clients (fixture);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      guint counts = fascia_store_get_n_counts (fixture->store);
      g_autoptr(GListModel) grows = fascia_store_list_clients (fixture->store, queries[q],
                                                               FASCIA_STORE_LIST_GROWING,
                                                               &error);
      g_autoptr(GListModel) whole = NULL;
      guint selects = fascia_db_get_n_selects (db);
      gboolean growing = FALSE;

      g_assert_no_error (error);
      g_object_get (grows, "growing", &growing, NULL);
      g_assert_true (growing);
      g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);
      wait_counted (grows);
      /* Counted to its end on the store's counting connection. */
      g_assert_cmpuint (fascia_store_get_n_counts (fixture->store), ==, counts + 1);
      g_test_message ("%s: %u counted, %u queries on the store's connection meanwhile",
                      queries[q], g_list_model_get_n_items (grows),
                      fascia_db_get_n_selects (db) - selects);
      g_assert_cmpuint (fascia_db_get_n_selects (db) - selects, ==, 0);

      whole = fascia_store_list_clients (fixture->store, queries[q], 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (grows), ==, g_list_model_get_n_items (whole));
    }
}

/* On a server, a counting connection that was lost (the server restarted, or ended it) is
 * made anew by the next count: the lists grow to their whole length again. */
static void
test_growing_counter_lost (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);

  add_grow_clients (fixture);
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GListModel) grows = fascia_store_list_clients (fixture->store, "grow",
                                                               FASCIA_STORE_LIST_GROWING,
                                                               &error);
      g_autoptr(GListModel) whole = fascia_store_list_clients (fixture->store, "grow", 0,
                                                               &error);

      g_assert_no_error (error);
      wait_counted (grows);
      g_assert_cmpuint (g_list_model_get_n_items (grows), ==, g_list_model_get_n_items (whole));

      /* Every other connection to this database ended, the counting one among them. */
      g_assert_true (fascia_db_exec (db, "SELECT pg_terminate_backend (pid) "
                                         "FROM pg_stat_activity WHERE datname = "
                                         "current_database () AND pid <> pg_backend_pid ()",
                                     &error));
      g_assert_no_error (error);
    }
}

/* A list dropped while its count runs stops the count, and a store closed meanwhile does not
 * wait for the count's end, nor leave its connection open. */
static void
test_growing_dropped (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) kept = NULL;

  add_grow_clients (fixture);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GListModel) dropped = fascia_store_list_clients (fixture->store, "grow",
                                                                 FASCIA_STORE_LIST_GROWING,
                                                                 &error);

      g_assert_no_error (error);
    }
  kept = fascia_store_list_clients (fixture->store, "row", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  wait_counted (kept);
  g_assert_cmpuint (g_list_model_get_n_items (kept), >, 128);

  g_clear_object (&kept);
  kept = fascia_store_list_clients (fixture->store, "gro", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  /* The teardown finalizes the store while this count may still run. */
  g_clear_object (&kept);

  /* A count dropped before its worker began, done and freed before the store closes: the
   * closing does not cancel it again (it named the freed count as running, which the
   * sanitizer build caught as a use after free). */
  kept = fascia_store_list_clients (fixture->store, "grow", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      /* Waiting for the counting connection, which the count kept holds, when dropped. */
      g_autoptr(GListModel) dropped = fascia_store_list_clients (fixture->store, "row",
                                                                 FASCIA_STORE_LIST_GROWING,
                                                                 &error);

      g_assert_no_error (error);
    }
  wait_counted (kept);
  g_clear_object (&kept);
  for (gint64 until = g_get_monotonic_time () + 500 * 1000; g_get_monotonic_time () < until;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* On a server that answers no new connection (its postmaster stopped, as a machine gone from
 * the network would: the connections made go on), a count in the background waits for its
 * connection. With no time limit (connect_timeout=0: libpq would wait for ever), the store's
 * closing cancels it and returns while the server is still silent, and the count ends then,
 * cancelled: the list does not grow. With one (connect_timeout=1, @data), the count gives up
 * by itself while the server is still silent, as libpq leaves the caller that polls to. */
static void
test_growing_server_silent (StoreFixture  *fixture,
                            gconstpointer  data)
{
  int timeout = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = g_strdup_printf ("%s connect_timeout=%d", fixture->path,
                                               timeout);
  g_autofree char *pid_file = g_build_filename (pg_server.dir, "data", "postmaster.pid", NULL);
  g_autofree char *pid_text = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GListModel) grows = NULL;
  Watchdog watchdog = { 0 };
  FasciaStoreCounter *counter;
  gint64 end;

  add_grow_clients (fixture);
  store = fascia_store_open (conninfo, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  watchdog_start (&watchdog, (pid_t) g_ascii_strtoll (pid_text, NULL, 10));

  /* The store's own connection still answers; the count's is being made. */
  grows = fascia_store_list_clients (store, "grow", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);
  counter = fascia_store_get_counter (store);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!fascia_store_counter_is_connecting (counter) && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_assert_true (fascia_store_counter_is_connecting (counter));

  if (timeout == 0)
    fascia_store_close (store);
  g_assert_false (watchdog_fired (&watchdog));
  wait_counted (grows);
  g_assert_false (watchdog_fired (&watchdog));
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);

  watchdog_end (&watchdog);
}

/* The server's process for @store's own connection (its session). */
static gint64
store_backend_pid (FasciaStore *store)
{
  gint64 pid = (gint64) fascia_db_get_session (fascia_store_get_db (store));

  g_assert_cmpint (pid, >, 0);
  return pid;
}

/* A first count makes the counting connection, kept: the one to the server but @conn's and
 * the store's own (@store_pid's). Its process is then stopped under @watchdog. */
static void
stop_counting_backend (StoreFixture *fixture,
                       PGconn       *conn,
                       gint64        store_pid,
                       Watchdog     *watchdog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) counted = fascia_store_list_clients (fixture->store, "grow",
                                                             FASCIA_STORE_LIST_GROWING, &error);

  g_assert_no_error (error);
  wait_counted (counted);
  g_assert_cmpint (other_backends (conn, "count(*)", store_pid), ==, 1);
  watchdog_start (watchdog, (pid_t) other_backends (conn, "max(pid)", store_pid));
}

/* The server stops answering the counting connection in the middle of a count (its process
 * stopped: the store's own connection goes on): the store's closing cancels the count and
 * returns while the server is still silent, without waiting for the count's thread; the
 * count's wait for the answer ends with it, while the server is still silent (it lasted
 * until the server answered again before), and its connection is given up. */
static void
test_growing_server_silent_counting (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) grows = NULL;
  PGconn *conn = PQconnectdb (fixture->path);
  Watchdog watchdog = { 0 };
  FasciaStoreCounter *counter;
  gint64 closed;
  gint64 end;

  add_grow_clients (fixture);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  stop_counting_backend (fixture, conn, store_backend_pid (fixture->store), &watchdog);

  grows = fascia_store_list_clients (fixture->store, "gro", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  counter = fascia_store_get_counter (fixture->store);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!fascia_store_counter_is_counting (counter) && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_assert_true (fascia_store_counter_is_counting (counter));
  /* Waiting for the server in its first step. */
  g_usleep (200 * 1000);

  fascia_store_close (fixture->store);
  g_assert_false (watchdog_fired (&watchdog));

  /* The count ends, cancelled, while the server is still silent (the watchdog lets it go on
   * after 30 s, should the count wait for it). */
  closed = g_get_monotonic_time ();
  wait_counted (grows);
  g_test_message ("the count ended %.0f ms after the closing",
                  (g_get_monotonic_time () - closed) / 1000.0);
  g_assert_false (watchdog_fired (&watchdog));
  g_assert_cmpint (g_get_monotonic_time () - closed, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);

  /* The server answers again: it finds the connection closed. */
  watchdog_end (&watchdog);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (other_backends (conn, "count(*)", 0) > 0 && g_get_monotonic_time () < end)
    g_usleep (10 * 1000);
  g_assert_cmpint (other_backends (conn, "count(*)", 0), ==, 0);
  PQfinish (conn);
}

/* The server stops answering the counting connection (its process stopped) while the
 * store's own connection goes on: a count waits for an answer no longer than the counter's
 * answer time (the window's, 10 s; 400 ms here), then is done again on a new connection,
 * which a new process of the server answers: the list grows to its whole length while the
 * first process is still stopped. Before, the count waited for that process as long as it
 * stayed stopped. */
static void
test_growing_server_silent_answer_time (StoreFixture  *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) whole = NULL;
  g_autoptr(GListModel) grows = NULL;
  PGconn *conn = PQconnectdb (fixture->path);
  FasciaStoreCounter *counter = fascia_store_get_counter (fixture->store);
  Watchdog watchdog = { 0 };
  gint64 store_pid;
  gint64 start;
  gint64 took;

  add_grow_clients (fixture);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  store_pid = store_backend_pid (fixture->store);
  whole = fascia_store_list_clients (fixture->store, "gro", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (whole), >, 128);

  /* The counting connection is made with the window's answer time. */
  stop_counting_backend (fixture, conn, store_pid, &watchdog);
  g_assert_cmpuint (fascia_store_counter_get_answer_timeout (counter), ==,
                    FASCIA_DB_WINDOW_ANSWER_TIMEOUT);
  fascia_store_counter_set_answer_timeout (counter, 400);
  g_assert_cmpuint (fascia_store_counter_get_answer_timeout (counter), ==, 400);

  start = g_get_monotonic_time ();
  grows = fascia_store_list_clients (fixture->store, "gro", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  wait_counted (grows);
  took = g_get_monotonic_time () - start;
  g_test_message ("counted in %.0f ms, the first process still stopped", took / 1000.0);
  g_assert_false (watchdog_fired (&watchdog));
  g_assert_cmpint (took, >=, 400 * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, g_list_model_get_n_items (whole));
  /* On a new process: the stopped one and it. */
  g_assert_cmpint (other_backends (conn, "count(*)", store_pid), ==, 2);

  watchdog_end (&watchdog);
  PQfinish (conn);
}

/* The server stops answering the counting connection as it is being made, in the queries
 * that set its session up (its process stopped as it reads the schema's version: the test
 * holds that table locked until the process is found waiting for it, stops it, and lets the
 * lock go): the count waits for an answer no longer than the counter's answer time (the
 * window's, 10 s; 400 ms here), and ends, uncounted, while the process is still stopped.
 * Before, the setup's queries waited for the server as long as it stayed stopped. */
static void
test_growing_server_silent_setup (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) grows = NULL;
  PGconn *conn = PQconnectdb (fixture->path);
  FasciaStoreCounter *counter = fascia_store_get_counter (fixture->store);
  Watchdog watchdog = { 0 };
  PGresult *result;
  gint64 stopped;
  gint64 pid;

  add_grow_clients (fixture);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  fascia_store_counter_set_answer_timeout (counter, 400);
  result = PQexec (conn, "BEGIN; LOCK TABLE fascia.schema_version IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  grows = fascia_store_list_clients (fixture->store, "grow", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);
  pid = lock_waiting_backend (fixture->path);
  g_assert_cmpint (pid, >, 0);
  g_assert_true (fascia_store_counter_is_connecting (counter));
  watchdog_start (&watchdog, (pid_t) pid);
  stopped = g_get_monotonic_time ();
  result = PQexec (conn, "COMMIT");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  wait_counted (grows);
  g_test_message ("the count ended %.0f ms after the server's process stopped",
                  (g_get_monotonic_time () - stopped) / 1000.0);
  g_assert_false (watchdog_fired (&watchdog));
  g_assert_cmpint (g_get_monotonic_time () - stopped, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);

  watchdog_end (&watchdog);
  PQfinish (conn);
}

/* A job that reads the whole clinic for a file, and how it ended. */
typedef enum
{
  JOB_BACKUP,
  JOB_EXPORT,
} JobKind;

typedef enum
{
  JOB_RUNS,        /* left to run */
  JOB_CANCELLED,   /* cancelled while the server is silent (on a file: before it began) */
  JOB_SILENT,      /* left to wait for a silent server, for its answer time */
} JobEnd;

typedef struct
{
  JobKind        kind;
  FasciaStore   *store;
  char          *path;
  GCancellable  *cancellable;
  GError        *error;
  gboolean       done;
  gint64         ended;   /* monotonic */
} Job;

static GBytes *
job_export_read (FasciaStore   *reader,
                 GCancellable  *cancellable,
                 gpointer       data,
                 GError       **error)
{
  return fascia_vcard_export (reader, NULL, error);
}

static gpointer
job_export_thread (gpointer data)
{
  Job *job = data;

  fascia_store_export_file (job->store, job->path, job_export_read, NULL, job->cancellable,
                            &job->error);
  job->ended = g_get_monotonic_time ();
  g_atomic_int_set (&job->done, TRUE);
  return NULL;
}

static void
job_backed_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Job *job = data;

  g_free (fascia_store_backup_finish (FASCIA_STORE (source), result, &job->error));
  job->ended = g_get_monotonic_time ();
  g_atomic_int_set (&job->done, TRUE);
}

/* Waits for @job at most @seconds; whether it ended. */
static gboolean
job_wait (Job   *job,
          guint  seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!g_atomic_int_get (&job->done) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return g_atomic_int_get (&job->done);
}

/* A backup (fascia_store_backup_async(), the window's Back Up…) and an export
 * (fascia_store_export_file(), the window's Export…: vCards here) write over a file that
 * exists. On a clinic server, the process of the job's own connection is stopped (SIGSTOP)
 * as the job reads the clients: the server takes the bytes and never answers. (To stop it
 * there, the test holds the clients table locked until its process is found waiting for it,
 * stops it, and lets the lock go: the job would read on at once but for the stop.) Either
 * ending, the job stops waiting while the process is still stopped: cancelled, at once
 * (JOB_CANCELLED), with G_IO_ERROR_CANCELLED; left alone (JOB_SILENT), after the job's
 * answer time (400 ms here), with an error on one line that names the file and the server's
 * silence. The file that was there is left as it was, and no temporary file is left beside
 * it. Before, both waited for the server as long as it stayed stopped. On a file (no server
 * to stop), a job cancelled before it began writes nothing either, and one left to run
 * replaces the file. */
static void
test_job_silent (StoreFixture  *fixture,
                 gconstpointer  data)
{
  JobKind kind = GPOINTER_TO_INT (data) / 10;
  JobEnd how = GPOINTER_TO_INT (data) % 10;
  gboolean server = fascia_store_is_server_database (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *target = g_build_filename (folder, kind == JOB_BACKUP ? "backup.db"
                                                                         : "clients.vcf", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GThread) thread = NULL;
  Job job = { kind, fixture->store, target, g_cancellable_new (), NULL, FALSE, 0 };
  Watchdog watchdog = { 0 };
  PGconn *conn = NULL;
  gint64 stopped = 0;
  const char *name;

  add_grow_clients (fixture);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "what was there before", -1, NULL));
  g_assert_cmpuint (fascia_store_get_job_answer_timeout (fixture->store), ==,
                    FASCIA_STORE_JOB_ANSWER_TIMEOUT);
  fascia_store_set_job_answer_timeout (fixture->store, 400);

  if (server && how != JOB_RUNS)
    {
      PGresult *result;

      conn = PQconnectdb (fixture->path);
      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, "BEGIN; LOCK TABLE fascia.clients IN ACCESS EXCLUSIVE MODE");
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
    }
  else if (how == JOB_CANCELLED)
    g_cancellable_cancel (job.cancellable);

  if (kind == JOB_BACKUP)
    fascia_store_backup_async (fixture->store, target, job.cancellable, NULL, NULL,
                               job_backed_up_cb, &job);
  else
    thread = g_thread_new ("export", job_export_thread, &job);

  if (conn != NULL)
    {
      gint64 pid = lock_waiting_backend (fixture->path);
      PGresult *result;

      g_assert_cmpint (pid, >, 0);
      watchdog_start (&watchdog, (pid_t) pid);
      stopped = g_get_monotonic_time ();
      result = PQexec (conn, "COMMIT");
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
      if (how == JOB_CANCELLED)
        {
          /* Waiting for the stopped process. */
          g_usleep (100 * 1000);
          g_assert_false (g_atomic_int_get (&job.done));
          stopped = g_get_monotonic_time ();
          g_cancellable_cancel (job.cancellable);
        }
    }

  if (!job_wait (&job, 20))
    g_error ("The job did not end in 20 s, its server's process stopped");
  if (thread != NULL)
    g_thread_join (g_steal_pointer (&thread));
  if (conn != NULL)
    {
      g_test_message ("%s ended %.0f ms after the server's process stopped%s",
                      kind == JOB_BACKUP ? "the backup" : "the export",
                      (job.ended - stopped) / 1000.0,
                      how == JOB_CANCELLED ? " and the job was cancelled" : "");
      if (job.error != NULL)
        g_test_message ("it said: %s", job.error->message);
      g_assert_false (watchdog_fired (&watchdog));
      watchdog_end (&watchdog);
      PQfinish (conn);
    }

  /* On a file, no server to be silent: the job runs. */
  if (how == JOB_RUNS || (!server && how == JOB_SILENT))
    {
      g_assert_no_error (job.error);
      g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
      g_assert_cmpstr (kept, !=, "what was there before");
    }
  else
    {
      if (how == JOB_CANCELLED)
        {
          g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          if (server)
            g_assert_cmpint (job.ended - stopped, <, 300 * 1000);
        }
      else
        {
          g_autofree char *says = g_strdup_printf ("“%s” was not written: ", target);

          g_assert_error (job.error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
          g_assert_true (g_str_has_prefix (job.error->message, says));
          g_assert_nonnull (strstr (job.error->message, "the records could not all be read "
                                    "from the clinic server (it stopped answering for 1 s)"));
          g_assert_null (strchr (job.error->message, '\n'));
          g_assert_cmpint (job.ended - stopped, <, 5 * G_USEC_PER_SEC);
        }
      g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, "what was there before");
    }

  /* No temporary file left beside it. */
  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, kind == JOB_BACKUP ? "backup.db" : "clients.vcf");

  g_clear_error (&job.error);
  g_object_unref (job.cancellable);
}

/* A client past what a growing list has counted so far is found at its place, and the list
 * reaches it; a client the search does not find is not, and the list stays. */
static void
test_growing_find (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) whole = NULL;
  g_autoptr(GListModel) grows = NULL;
  g_autoptr(GListModel) others = NULL;
  g_autoptr(FasciaClient) far = NULL;
  g_autoptr(FasciaClient) other = NULL;

  add_grow_clients (fixture);
  whole = fascia_store_list_clients (fixture->store, "grow", 0, &error);
  grows = fascia_store_list_clients (fixture->store, "grow", FASCIA_STORE_LIST_GROWING, &error);
  others = fascia_store_list_clients (fixture->store, "other", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);
  far = g_list_model_get_item (whole, 200);
  other = g_list_model_get_item (others, 0);
  g_assert_cmpstr (fascia_client_get_name (other), ==, "Other Client");

  g_assert_cmpuint (fascia_store_find_client (fixture->store, grows, fascia_client_get_id (other)),
                    ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 128);
  g_assert_cmpuint (fascia_store_find_client (fixture->store, grows, fascia_client_get_id (far)),
                    ==, 200);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, 201);
  {
    g_autoptr(FasciaClient) found = g_list_model_get_item (grows, 200);

    g_assert_cmpint (fascia_client_get_id (found), ==, fascia_client_get_id (far));
  }
  /* And the count in the background goes on to the end; the rows past the one reached, in
   * the page read up to it, are read whole. */
  wait_counted (grows);
  g_assert_cmpuint (g_list_model_get_n_items (grows), ==, g_list_model_get_n_items (whole));
  for (guint i = 0; i < g_list_model_get_n_items (whole); i++)
    {
      g_autoptr(FasciaClient) a = g_list_model_get_item (whole, i);
      g_autoptr(FasciaClient) b = g_list_model_get_item (grows, i);

      g_assert_cmpint (fascia_client_get_id (a), ==, fascia_client_get_id (b));
    }
}

/* Each slot of the clinic server's count holds the clients of its own, and no more. */
static void
assert_counts_exact (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDbStmt) stmt = NULL;

  stmt = fascia_db_prepare (fascia_store_get_db (store),
                            "SELECT count(*) FROM client_counts c WHERE n <> "
                            "(SELECT count(*) FROM clients WHERE deleted_at IS NULL "
                            "AND archived = c.archived AND id % 64 = c.slot)", FALSE, &error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 0), ==, 0);
}

typedef struct
{
  const char *conninfo;
  guint       writer;
} CountWriter;

/* A therapist's own connection: adds clients, archives every third, deletes every fifth. */
static gpointer
count_writer (gpointer data)
{
  CountWriter *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open_full (w->conninfo,
                                                         FASCIA_STORE_OPEN_NO_BACKUP, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < COUNT_CLIENTS; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Writer %u client %u", w->writer, i);

      /* Each error printed as it comes, not a bare FALSE. */
      fascia_client_set_name (client, name);
      fascia_store_add_client (store, client, &error);
      g_assert_no_error (error);
      if (i % 5 == 0)
        fascia_store_delete (store, FASCIA_STORE_TABLE_CLIENTS, fascia_client_get_id (client),
                             &error);
      else if (i % 3 == 0)
        fascia_store_set_client_archived (store, fascia_client_get_id (client), TRUE, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

/* The clinic server counts its clients on many rows (sql-postgresql/011): writers adding,
 * archiving and deleting at once leave every count exact, slot by slot. */
static void
test_counts_concurrent (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) active = NULL;
  g_autoptr(GListModel) all = NULL;
  CountWriter writers[COUNT_WRITERS];
  GThread *threads[COUNT_WRITERS];
  guint n_active = 0, n_archived = 0;

  for (guint i = 0; i < COUNT_CLIENTS; i++)
    {
      if (i % 5 == 0)
        continue;
      if (i % 3 == 0)
        n_archived += COUNT_WRITERS;
      else
        n_active += COUNT_WRITERS;
    }

  for (guint w = 0; w < COUNT_WRITERS; w++)
    {
      writers[w] = (CountWriter) { fixture->path, w };
      threads[w] = g_thread_new ("writer", count_writer, &writers[w]);
    }
  for (guint w = 0; w < COUNT_WRITERS; w++)
    g_thread_join (threads[w]);

  active = fascia_store_list_clients (fixture->store, "", 0, &error);
  all = fascia_store_list_clients (fixture->store, "", FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (active), ==, n_active);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, n_active + n_archived);

  /* Each slot holds the clients of its own, and no more. */
  assert_counts_exact (fixture->store);
}

typedef struct
{
  FasciaStore *store;
  guint        step;       /* 0: add a client, 1: archive it, 2: delete it */
  gint64       client_id;
  GError      *error;
} BesideCount;

static gpointer
change_beside_count (gpointer data)
{
  BesideCount *b = data;

  if (b->step == 0)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();

      fascia_client_set_name (client, "Beside the count");
      if (fascia_store_add_client (b->store, client, &b->error))
        b->client_id = fascia_client_get_id (client);
    }
  else if (b->step == 1)
    fascia_store_set_client_archived (b->store, b->client_id, TRUE, &b->error);
  else
    fascia_store_delete (b->store, FASCIA_STORE_TABLE_CLIENTS, b->client_id, &b->error);
  return NULL;
}

/* Adding, archiving and deleting a client beside another connection that changes the count of
 * the client's slot (sql-postgresql/011) and commits while the change waits for the row: the
 * change is made, not refused. In REPEATABLE READ the count's row, changed by a transaction
 * that committed after this one began, failed the change (40001), and the therapist was told
 * someone else had saved it at the same moment, for a change of a client nobody else touched
 * (seen in CI's counts-concurrent, four writers on a loaded machine). */
static void
test_change_beside_count (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = fascia_store_open_full (fixture->path,
                                                         FASCIA_STORE_OPEN_NO_BACKUP, &error);
  BesideCount b = { fixture->store, 0, 0, NULL };

  g_assert_no_error (error);
  for (b.step = 0; b.step < 3; b.step++)
    {
      GThread *thread;

      /* Every slot's rows, both archive states, changed (to what they were) and held. */
      g_assert_true (fascia_db_exec (fascia_store_get_db (other),
                                     "BEGIN; UPDATE client_counts SET n = n", &error));
      g_assert_no_error (error);
      thread = g_thread_new ("beside", change_beside_count, &b);
      g_usleep (300 * G_TIME_SPAN_MILLISECOND);
      g_assert_true (fascia_db_exec (fascia_store_get_db (other), "COMMIT", &error));
      g_assert_no_error (error);
      g_thread_join (thread);
      g_assert_no_error (b.error);
      g_assert_cmpint (b.client_id, >, 0);
    }

  /* And every count is right. */
  assert_counts_exact (fixture->store);
}

/* Two bulk imports at once on the clinic server, each its own connection and one transaction
 * of thousands of clients (the count rows of 011 and the search index are what they share):
 * neither waits on the other for ever nor is refused, and every client of both is there and
 * counted once. */
#define BULK_IMPORTERS 2      /* "Avocet …" and "Bittern …" */
#define BULK_CLIENTS   2000

typedef struct
{
  const char *conninfo;
  guint       importer;
  GBytes     *csv;
  guint       n_imported;
  GError     *error;
} BulkImport;

static gpointer
bulk_importer (gpointer data)
{
  BulkImport *b = data;
  g_autoptr(FasciaStore) store = fascia_store_open_full (b->conninfo,
                                                         FASCIA_STORE_OPEN_NO_BACKUP, &b->error);

  if (store != NULL)
    fascia_store_import_clients (store, b->csv, &b->n_imported, NULL, &b->error);
  return NULL;
}

static void
test_bulk_imports_concurrent (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(FasciaDbStmt) stmt = NULL;
  BulkImport imports[BULK_IMPORTERS];
  GThread *threads[BULK_IMPORTERS];

  for (guint w = 0; w < BULK_IMPORTERS; w++)
    {
      GString *csv = g_string_new ("Name,Email,Phone\n");

      for (guint i = 0; i < BULK_CLIENTS; i++)
        g_string_append_printf (csv, "%s Client %u,i%u.c%u@example.org,555 %04u\n",
                                w == 0 ? "Avocet" : "Bittern", i, w, i, i);
      imports[w] = (BulkImport) { fixture->path, w, g_string_free_to_bytes (csv), 0, NULL };
    }

  for (guint w = 0; w < BULK_IMPORTERS; w++)
    threads[w] = g_thread_new ("import", bulk_importer, &imports[w]);
  for (guint w = 0; w < BULK_IMPORTERS; w++)
    {
      g_thread_join (threads[w]);
      g_assert_no_error (imports[w].error);
      g_assert_cmpuint (imports[w].n_imported, ==, BULK_CLIENTS);
      g_bytes_unref (imports[w].csv);
    }

  /* Every client of both, counted once: the list's count, the rows, each slot's count. */
  all = fascia_store_list_clients (fixture->store, "", FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, BULK_IMPORTERS * BULK_CLIENTS);
  g_assert_cmpuint (count (fixture, "Bittern"), ==, BULK_CLIENTS);
  stmt = fascia_db_prepare (fascia_store_get_db (fixture->store),
                            "SELECT count(*), count(DISTINCT name) FROM clients "
                            "WHERE deleted_at IS NULL", FALSE, &error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 0), ==, BULK_IMPORTERS * BULK_CLIENTS);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 1), ==, BULK_IMPORTERS * BULK_CLIENTS);
  assert_counts_exact (fixture->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST ("/fascia/core/store/clients/round-trip", test_round_trip);
  STORE_TEST ("/fascia/core/store/clients/update", test_update);
  STORE_TEST ("/fascia/core/store/clients/invalid", test_invalid);
  STORE_TEST ("/fascia/core/store/clients/search", test_search);
  STORE_TEST ("/fascia/core/store/clients/archive", test_archive);
  STORE_TEST ("/fascia/core/store/clients/delete-undo", test_delete_undo);
  STORE_TEST ("/fascia/core/store/clients/signals", test_signals);
  STORE_TEST ("/fascia/core/store/clients/import", test_import);
  STORE_TEST ("/fascia/core/store/clients/growing", test_growing);
  STORE_TEST ("/fascia/core/store/clients/growing-background", test_growing_background);
  STORE_TEST ("/fascia/core/store/clients/growing-find", test_growing_find);
  STORE_TEST ("/fascia/core/store/clients/growing-in-worker", test_growing_in_worker);
  STORE_TEST ("/fascia/core/store/clients/growing-dropped", test_growing_dropped);
  /* Ends the server's other connections. */
  g_test_add ("/postgresql/fascia/core/store/clients/growing-server-silent", StoreFixture,
              GINT_TO_POINTER (0), store_fixture_set_up_postgresql, test_growing_server_silent,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/growing-server-silent-counting",
              StoreFixture, NULL, store_fixture_set_up_postgresql,
              test_growing_server_silent_counting, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/growing-server-silent-answer-time",
              StoreFixture, NULL, store_fixture_set_up_postgresql,
              test_growing_server_silent_answer_time, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/growing-server-silent-setup",
              StoreFixture, NULL, store_fixture_set_up_postgresql,
              test_growing_server_silent_setup, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/growing-server-silent-timeout",
              StoreFixture, GINT_TO_POINTER (1), store_fixture_set_up_postgresql,
              test_growing_server_silent, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/growing-counter-lost", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_growing_counter_lost,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/counts-concurrent", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_counts_concurrent, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/change-beside-count", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_change_beside_count, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/clients/bulk-imports-concurrent", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_bulk_imports_concurrent,
              store_fixture_tear_down);
  STORE_TEST ("/fascia/core/store/clients/import-values", test_import_values);
  {
    static const struct { const char *name; JobKind kind; } jobs[] = {
      { "backup", JOB_BACKUP }, { "export", JOB_EXPORT },
    };
    static const struct { const char *name; JobEnd end; } ends[] = {
      { "runs", JOB_RUNS }, { "server-silent-cancelled", JOB_CANCELLED },
      { "server-silent-answer-time", JOB_SILENT },
    };

    for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
      for (guint j = 0; j < G_N_ELEMENTS (ends); j++)
        {
          g_autofree char *path = g_strdup_printf ("/fascia/core/store/clients/%s-%s",
                                                   jobs[i].name, ends[j].name);

          STORE_TEST_DATA (path, GINT_TO_POINTER (jobs[i].kind * 10 + ends[j].end),
                           test_job_silent);
        }
  }

  g_test_add_func ("/fascia/core/store/clients/initials", test_initials);

  return g_test_run ();
}
