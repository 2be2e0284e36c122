/* test-cli-server.c — the command line with a clinic server: --create-demo, --copy-database
 * both ways, --backup of a server database, --setup-clinic; exit codes and one-line errors.
 * A real PostgreSQL for the binary (tests/core/pg-server.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fascia/fascia-store.h"
#include "fascia-test-utils.h"
#include "pg-server.h"

static const char * const no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

static guint
count_clients (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open_full (database, FASCIA_STORE_OPEN_NO_BACKUP,
                                                         &error);
  g_autoptr(GListModel) clients = NULL;

  g_assert_no_error (error);
  clients = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (clients);
}

/* An error is one line, and names no connection string (it may hold a password). */
static void
assert_one_line_error (const char *err,
                       const char *conninfo)
{
  g_assert_true (g_str_has_prefix (err, "fascia: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == strrchr (err, '\n'));
  if (conninfo != NULL)
    g_assert_null (strstr (err, conninfo));
}

/* The per-table lines of a copy's report: each table's rows and checksum. */
static char *
table_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GString *tables = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], " rows  checksum ") != NULL)
      g_string_append_printf (tables, "%s\n", lines[i]);
  return g_string_free (tables, FALSE);
}

/* --create-demo with a server's keyword string and with its URI: the demo clinic on the
 * server, the same as in a file, and no file made of the connection string. */
static void
test_create_demo (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "demo.db", NULL);
  g_autofree char *keywords = pg_server_new_database ();
  g_autofree char *uri_db = pg_server_new_database ();
  g_autofree char *uri = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *to_file[] = { "--create-demo", file, NULL };
  const char *to_keywords[] = { "--create-demo", keywords, NULL };
  const char *to_uri[] = { "--create-demo", NULL, NULL };
  guint n;

  /* "host=DIR dbname=NAME user=fascia" as a URI */
  {
    g_auto(GStrv) parts = g_strsplit (uri_db, " ", -1);

    uri = g_strdup_printf ("postgresql:///%s?host=%s&user=fascia", parts[1] + strlen ("dbname="),
                           parts[0] + strlen ("host="));
    to_uri[1] = uri;
  }

  g_assert_cmpint (fascia_test_run_fascia (to_file, no_display, &out, &err), ==, 0);
  n = count_clients (file);
  g_assert_cmpuint (n, >, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (to_keywords, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "clinic server"));
  g_assert_null (strstr (out, keywords));
  g_assert_cmpuint (count_clients (keywords), ==, n);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (to_uri, no_display, &out, &err), ==, 0);
  g_assert_cmpuint (count_clients (uri), ==, n);

  /* Again on the same server database: refused, in one line; nothing added. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (to_keywords, no_display, &out, &err), !=, 0);
  assert_one_line_error (err, keywords);
  g_assert_cmpuint (count_clients (keywords), ==, n);

  fascia_test_rm_rf (tmp);
}

/* SQLite → PostgreSQL → SQLite: the same tables, rows and checksums each way; a target that
 * is not empty is refused in one line and left as it was; --backup of the server database
 * writes the same clinic to a file. */
static void
test_copy_round_trip (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (tmp, "first.db", NULL);
  g_autofree char *back = g_build_filename (tmp, "back.db", NULL);
  g_autofree char *backup = g_build_filename (tmp, "backup.db", NULL);
  g_autofree char *server = pg_server_new_database ();
  g_autofree char *up_out = NULL;
  g_autofree char *down_out = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *up_tables = NULL;
  g_autofree char *down_tables = NULL;
  const char *demo[] = { "--create-demo", first, "--clients", "40", NULL };
  const char *up[] = { "--copy-database", first, server, NULL };
  const char *down[] = { "--copy-database", server, back, NULL };
  const char *again[] = { "--copy-database", first, server, NULL };
  const char *onto_file[] = { "--copy-database", server, first, NULL };
  const char *backup_args[] = { "--database", server, "--backup", backup, NULL };
  const char *no_target[] = { "--copy-database", first, NULL };
  guint n;

  g_assert_cmpint (fascia_test_run_fascia (demo, no_display, &out, &err), ==, 0);
  n = count_clients (first);
  g_assert_cmpuint (n, >, 40);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (up, no_display, &up_out, &err), ==, 0);
  g_assert_null (strstr (up_out, server));
  g_assert_cmpuint (count_clients (server), ==, n);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (down, no_display, &down_out, &err), ==, 0);
  g_assert_cmpuint (count_clients (back), ==, n);

  /* Every table's rows and checksum the same, up and down. */
  up_tables = table_lines (up_out);
  down_tables = table_lines (down_out);
  g_assert_cmpstr (up_tables, !=, "");
  g_assert_cmpstr (up_tables, ==, down_tables);

  /* Targets that are not empty: refused, one line, nothing changed. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (again, no_display, &out, &err), !=, 0);
  assert_one_line_error (err, server);
  g_assert_cmpuint (count_clients (server), ==, n);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (onto_file, no_display, &out, &err), !=, 0);
  assert_one_line_error (err, server);
  g_assert_cmpuint (count_clients (first), ==, n);

  /* A target missing: the usage, in one line. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (no_target, no_display, &out, &err), !=, 0);
  assert_one_line_error (err, NULL);

  /* The server's backup: a file with the same clinic. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (backup_args, no_display, &out, &err), ==, 0);
  g_assert_cmpuint (count_clients (backup), ==, n);

  fascia_test_rm_rf (tmp);
}

/* --setup-clinic: a file is refused in one line; a server database is set up once. */
static void
test_setup_clinic (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "fascia.db", NULL);
  g_autofree char *server = pg_server_new_database ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *on_file[] = { "--database", file, "--setup-clinic", NULL };
  const char *on_server[] = { "--database", server, "--setup-clinic", NULL };

  g_assert_cmpint (fascia_test_run_fascia (on_file, no_display, &out, &err), !=, 0);
  assert_one_line_error (err, NULL);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (on_server, no_display, &out, &err), ==, 0);
  g_assert_null (strstr (out, server));
  g_assert_cmpuint (count_clients (server), ==, 0);

  fascia_test_rm_rf (tmp);
}

/* The exports of the command line read a clinic server as they read a file: --export-csv,
 * --export-vcard and --export-fhir of a demo clinic on the server write the same files as of
 * the same clinic in a file, and --handout and --export-chart write their PDFs (all were
 * refused: "there is no client database at host=… dbname=…", the connection string, which may
 * hold a password, taken for a file's name and printed). */
static void
test_exports (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "demo.db", NULL);
  g_autofree char *server = pg_server_new_database ();
  const char *kinds[][3] = {
    { "--export-csv", "clients", "clients.csv" },
    { "--export-vcard", NULL, "clients.vcf" },
    { "--export-fhir", NULL, "records.json" },
  };

  for (guint k = 0; k < 2; k++)
    {
      const char *create[] = { "--create-demo", k == 0 ? file : server, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (fascia_test_run_fascia (create, no_display, &out, &err), ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *from_file = g_build_filename (tmp, "file-", NULL);
      g_autofree char *from_server = NULL;
      g_autofree char *file_text = NULL;
      g_autofree char *server_text = NULL;
      gsize file_len = 0, server_len = 0;

      g_free (from_file);
      from_file = g_strconcat (tmp, "/file-", kinds[i][2], NULL);
      from_server = g_strconcat (tmp, "/server-", kinds[i][2], NULL);
      for (guint k = 0; k < 2; k++)
        {
          const char *argv[8] = { "--database", k == 0 ? file : server, kinds[i][0] };
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          guint n = 3;

          if (kinds[i][1] != NULL)
            argv[n - 1] = g_strdup_printf ("%s=%s", kinds[i][0], kinds[i][1]);
          argv[n++] = "--output";
          argv[n++] = k == 0 ? from_file : from_server;
          argv[n] = NULL;
          if (fascia_test_run_fascia (argv, no_display, &out, &err) != 0)
            g_error ("%s from %s: %s", kinds[i][0], k == 0 ? "a file" : "the server", err);
          g_assert_null (strstr (out, server));
          if (kinds[i][1] != NULL)
            g_free ((char *) argv[2]);
        }
      g_assert_true (g_file_get_contents (from_file, &file_text, &file_len, NULL));
      g_assert_true (g_file_get_contents (from_server, &server_text, &server_len, NULL));
      g_assert_cmpuint (file_len, >, 1000);
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes from the file, %" G_GSIZE_FORMAT
                      " from the server", kinds[i][0], file_len, server_len);
      /* The same clients: as many lines of each kind (ids and times differ). */
      g_assert_cmpuint (g_strv_length (g_strsplit (file_text, "\n", -1)), ==,
                        g_strv_length (g_strsplit (server_text, "\n", -1)));
    }

  /* A server database that is not there: one line, which names no connection string. */
  {
    g_auto(GStrv) parts = g_strsplit (server, " ", -1);
    g_autofree char *missing = g_strdup_printf ("%s dbname=no_such_clinic user=fascia", parts[0]);
    g_autofree char *csv = g_build_filename (tmp, "missing.csv", NULL);
    const char *argv[] = { "--database", missing, "--export-csv=clients", "--output", csv, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (fascia_test_run_fascia (argv, no_display, &out, &err), !=, 0);
    assert_one_line_error (err, missing);
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  }

  /* A plan's handout and a client's chart, from the server: PDFs of some pages. */
  {
    g_autofree char *pdf = g_build_filename (tmp, "server.pdf", NULL);
    const char *handout[] = { "--database", server, "--handout=1", "--output", pdf, NULL };
    const char *chart[] = { "--database", server, "--export-chart=1", "--output", pdf, NULL };
    const char **commands[] = { handout, chart };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *text = NULL;
        gsize len = 0;

        g_remove (pdf);
        if (fascia_test_run_fascia (commands[i], no_display, &out, &err) != 0)
          g_error ("%s from the server: %s", commands[i][2], err);
        g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
        g_assert_true (g_str_has_prefix (text, "%PDF-"));
        g_assert_cmpuint (len, >, 5000);
      }
  }

  fascia_test_rm_rf (tmp);
}

/* --handout, --export-chart and --copy-database with a clinic server whose process stops
 * answering as the command reads the plan or the visits, or as the copy looks whether the
 * server's clients table is empty, and --export-vcard whose first connection's process stops
 * as it is set up (it reads the schema's version) (stopped: the test holds the table locked
 * until the process is found waiting for it, stops it, and lets the lock go): the command ends
 * by itself after
 * the job's answer time (400 ms here: FASCIA_JOB_ANSWER_TIMEOUT), while the process is still
 * stopped, with one line that says the server stopped answering and names no connection
 * string; no PDF is written, nothing is copied. Before, the handout and the chart read on the
 * command's first connection, which has no answer time, and the copy waited the job's 30 s:
 * each waited as long as the server stayed stopped (30 s, when the test lets it go on); so
 * did every export whose first connection's setup the server left unanswered. */
static void
test_server_silent (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmp, "silent.pdf", NULL);
  g_autofree char *file = g_build_filename (tmp, "demo.db", NULL);
  g_autofree char *server = pg_server_new_database ();
  g_autofree char *empty = pg_server_new_database ();
  const char *create_server[] = { "--create-demo", server, NULL };
  const char *create_file[] = { "--create-demo", file, NULL };
  const char *handout[] = { NULL, "--database", server, "--handout=1", "--output", pdf, NULL };
  const char *chart[] = { NULL, "--database", server, "--export-chart=1", "--output", pdf, NULL };
  const char *copy[] = { NULL, "--copy-database", file, empty, NULL };
  const char *vcard[] = { NULL, "--database", server, "--export-vcard", "--output", pdf, NULL };
  struct
  {
    const char **argv;
    const char  *server;
    const char  *locked;
  } commands[] = {
    { handout, server, "fascia.plans" },
    { chart, server, "fascia.visits" },
    { copy, empty, "fascia.clients" },
    { vcard, server, "fascia.schema_version" },
  };

  g_assert_cmpint (fascia_test_run_fascia (create_server, no_display, NULL, NULL), ==, 0);
  g_assert_cmpint (fascia_test_run_fascia (create_file, no_display, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_clients (empty), ==, 0);  /* its schema made */

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *lock = g_strdup_printf ("BEGIN; LOCK TABLE %s IN ACCESS EXCLUSIVE MODE",
                                               commands[i].locked);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      PGconn *conn = PQconnectdb (commands[i].server);
      Watchdog watchdog = { 0 };
      PGresult *result;
      gint64 stopped;
      gint64 ended;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, lock);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);

      commands[i].argv[0] = g_getenv ("FASCIA_BINARY");
      for (guint k = 0; no_display[k] != NULL; k++)
        g_subprocess_launcher_unsetenv (launcher, no_display[k]);
      g_subprocess_launcher_setenv (launcher, "FASCIA_JOB_ANSWER_TIMEOUT", "400", TRUE);
      process = g_subprocess_launcher_spawnv (launcher, commands[i].argv, &error);
      g_assert_no_error (error);

      watchdog_start (&watchdog, (pid_t) lock_waiting_backend (commands[i].server));
      stopped = g_get_monotonic_time ();
      result = PQexec (conn, "COMMIT");
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);

      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);
      ended = g_get_monotonic_time ();
      g_test_message ("%s ended %.0f ms after the server's process stopped; it said: %s",
                      commands[i].argv[i == 2 ? 1 : 3], (ended - stopped) / 1000.0, err);
      g_assert_false (watchdog_fired (&watchdog));
      watchdog_end (&watchdog);
      PQfinish (conn);

      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
      assert_one_line_error (err, commands[i].server);
      g_assert_true (strstr (err, "(it stopped answering for 1 s)") != NULL ||
                     strstr (err, "(it did not answer in 1 s)") != NULL);
      g_assert_cmpint (ended - stopped, <, 5 * G_USEC_PER_SEC);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpuint (count_clients (empty), ==, 0);

  fascia_test_rm_rf (tmp);
}

/* How an import into a clinic server that holds its COMMIT ends. */
typedef enum
{
  IMPORT_CSV_UNKNOWN,   /* still held when the import has to end */
  IMPORT_FHIR_UNKNOWN,
  IMPORT_CSV_LOST,      /* answered late, and failed */
} ImportEnd;

/* --import-clients and --import-fhir into a clinic server whose trigger holds the COMMIT past
 * the job's answer time (FASCIA_JOB_ANSWER_TIMEOUT): held 4 s (300 ms the answer time), the
 * server is still busy with it when asked whether it was saved, and the command says in one
 * line that the import may have been saved, and not that nothing was, and exits 3; the clients
 * are there once the server is done. Held 0.6 s and then failed (500 ms): one line that says
 * once that nothing was imported, exit 1, no client. Before, every line ended "(nothing was
 * imported)", beside "it may have been saved" as well, and each failure exited 1; and the
 * commands, on a connection without an answer time, waited for the COMMIT as long as the
 * server took (here they were done after 4 s). */
static void
test_import_commit_unanswered (gconstpointer data)
{
  ImportEnd how = GPOINTER_TO_INT (data);
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *csv = g_build_filename (tmp, "clients.csv", NULL);
  g_autofree char *file = g_build_filename (tmp, "clients.db", NULL);
  g_autofree char *bundle = g_build_filename (tmp, "clients.json", NULL);
  g_autofree char *server = pg_server_new_database ();
  g_autoptr(GString) rows = g_string_new ("name,email,phone\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *to_file[] = { "--database", file, "--import-clients", csv, NULL };
  const char *export[] = { "--database", file, "--export-fhir", "--output", bundle, NULL };
  const char *import_csv[] = { "--database", server, "--import-clients", csv, NULL };
  const char *import_fhir[] = { "--database", server, "--import-fhir", bundle, NULL };
  gboolean lost = how == IMPORT_CSV_LOST;
  gint64 start;
  int status;
  const char *said;

  if (lost)
    g_string_append (rows, "Refused Person,refused@example.org,555 0000\n");
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (rows, "Imported Person %u,imported%u@example.org,555 %04u\n", i, i,
                            i);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, &error));
  g_assert_no_error (error);
  if (how == IMPORT_FHIR_UNKNOWN)
    {
      g_assert_cmpint (fascia_test_run_fascia (to_file, no_display, NULL, NULL), ==, 0);
      g_assert_cmpint (fascia_test_run_fascia (export, no_display, NULL, NULL), ==, 0);
    }

  g_assert_cmpuint (count_clients (server), ==, 0);  /* its schema made */
  pg_server_slow_commit (server, lost ? 0.6 : 4.0, TRUE);
  g_setenv ("FASCIA_JOB_ANSWER_TIMEOUT", lost ? "500" : "300", TRUE);
  start = g_get_monotonic_time ();
  status = fascia_test_run_fascia (how == IMPORT_FHIR_UNKNOWN ? import_fhir : import_csv,
                                   no_display, &out, &err);
  g_unsetenv ("FASCIA_JOB_ANSWER_TIMEOUT");
  g_test_message ("it exited %d after %.2f s, saying: %s", status,
                  (g_get_monotonic_time () - start) / 1e6, err);

  assert_one_line_error (err, server);
  said = err + strlen ("fascia: ");
  if (lost)
    {
      g_assert_cmpint (status, ==, 1);
      g_assert_nonnull (strstr (said, "and it was not: nothing was imported"));
      g_assert_true (strstr (said, "nothing was imported") == g_strrstr (said, "nothing was imported"));
      g_assert_cmpuint (count_clients (server), ==, 0);
    }
  else
    {
      g_assert_cmpint (status, ==, 3);
      g_assert_nonnull (strstr (said, "it may have been saved"));
      g_assert_null (strstr (said, "nothing was imported"));
      /* The server, done with the COMMIT, holds the clients. */
      while (count_clients (server) == 0 && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
        g_usleep (100 * 1000);
      g_assert_cmpuint (count_clients (server), ==, 12);
    }

  fascia_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/cli/server/create-demo", test_create_demo);
  g_test_add_func ("/fascia/cli/server/copy-round-trip", test_copy_round_trip);
  g_test_add_func ("/fascia/cli/server/setup-clinic", test_setup_clinic);
  g_test_add_func ("/fascia/cli/server/exports", test_exports);
  g_test_add_func ("/fascia/cli/server/server-silent", test_server_silent);
  g_test_add_data_func ("/fascia/cli/server/import-commit-unanswered-unknown",
                        GINT_TO_POINTER (IMPORT_CSV_UNKNOWN), test_import_commit_unanswered);
  g_test_add_data_func ("/fascia/cli/server/fhir-import-commit-unanswered-unknown",
                        GINT_TO_POINTER (IMPORT_FHIR_UNKNOWN), test_import_commit_unanswered);
  g_test_add_data_func ("/fascia/cli/server/import-commit-unanswered-lost",
                        GINT_TO_POINTER (IMPORT_CSV_LOST), test_import_commit_unanswered);

  return g_test_run ();
}
