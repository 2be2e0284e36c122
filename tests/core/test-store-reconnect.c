/* test-store-reconnect.c — the clinic server goes down mid-session and comes back: the store
 * says so, fails each query at once meanwhile, connects again in the background from the
 * main loop, hears the others' changes again, and the edit kept in the journal is saved once.
 *
 * This binary has a server of its own (pg-server.h): its tests kill it and start it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

typedef struct
{
  guint  lost;
  guint  back;
  guint  reloads;
  gint64 heard_client;
} Heard;

static void
connected_cb (FasciaStore *store,
              GParamSpec  *pspec,
              Heard       *heard)
{
  if (fascia_store_is_connected (store))
    heard->back++;
  else
    heard->lost++;
}

static void
changed_cb (FasciaStore       *store,
            FasciaStoreTable   table,
            FasciaStoreChange  change,
            gint64             id,
            gint64             client_id,
            Heard             *heard)
{
  if (change == FASCIA_STORE_CHANGE_RELOAD)
    heard->reloads++;
  else if (table == FASCIA_STORE_TABLE_CLIENTS && change == FASCIA_STORE_CHANGE_ADDED)
    heard->heard_client = id;
}

static void
test_reconnect (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaJournal) journal = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Perpetua Wolstenholme");
  g_autoptr(FasciaClient) theirs = fascia_client_new ();
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaVisit) saved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  Heard heard = { 0 };
  guint saves = 0;

  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_no_error (error);

  g_assert_true (fascia_store_watch_others (fixture->store, &error));
  g_assert_true (fascia_store_is_connected (fixture->store));
  g_signal_connect (fixture->store, "notify::connected", G_CALLBACK (connected_cb), &heard);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &heard);

  /* The server goes down while nothing is asked of it: the watch of the others' changes
   * finds its socket closed, and the store says so from the main loop. */
  pg_server_kill ();
  while (heard.lost == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fascia_store_is_connected (fixture->store));

  /* The therapist goes on typing: the save fails at once, changing nothing, and the edit is
   * kept in the journal. */
  g_assert_false (fascia_store_save_visit_field (fixture->store, visit,
                                                 FASCIA_VISIT_FIELD_SUBJECTIVE,
                                                 "Typed while the server was away", NULL,
                                                 &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (fascia_visit_get_revision (visit), ==, 1);
  journal = fascia_journal_open (journal_path, "test", &error);
  g_assert_true (fascia_journal_put (journal, fascia_visit_get_id (visit),
                                     fascia_visit_get_revision (visit),
                                     FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Typed while the server was away", &error));
  g_assert_no_error (error);

  /* Attempts meanwhile fail in the background; none is announced as back. */
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (heard.back, ==, 0);

  /* Back: connected again without being asked, and every view told to read again. */
  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fascia_store_is_connected (fixture->store));
  g_assert_cmpuint (heard.lost, ==, 1);
  g_assert_cmpuint (heard.reloads, ==, 3);

  /* The journal is saved once: replayed twice (as if the line fell again before it was
   * emptied), the second finds nothing to do. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (fascia_store_replay_journal (fixture->store, journal, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
      saves++;
    }
  saved = fascia_store_get_visit (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, "Typed while the server was away");
  g_assert_cmpint (fascia_visit_get_revision (saved), ==, 2);
  g_assert_cmpuint (saves, ==, 2);

  /* Others' changes are heard again: LISTEN was sent on the new connection. */
  other = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fascia_client_set_name (theirs, "Added at the front desk");
  g_assert_true (fascia_store_add_client (other, theirs, &error));
  g_assert_no_error (error);
  while (heard.heard_client != fascia_client_get_id (theirs))
    g_main_context_iteration (NULL, TRUE);

  /* And the store's own saves work as before. */
  fascia_client_set_phone (client, "555 0199");
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* A store that does not keep its connection (a worker's) stays lost, and says so. */
static void
test_lost_without_watch (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Aurelian Quist");
  g_autoptr(FasciaClient) again = NULL;

  g_assert_true (fascia_store_is_connected (fixture->store));
  pg_server_kill ();
  again = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  g_assert_null (again);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_assert_false (fascia_store_is_connected (fixture->store));
  pg_server_restart ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/postgresql/fascia/core/store/reconnect/kill-and-restart", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_reconnect, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/lost-without-watch", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_lost_without_watch, store_fixture_tear_down);

  return g_test_run ();
}
