/* test-cli-trust.c — the headless commands given bad files and bad arguments: refused
 * with a one-line message naming the file and a non-zero exit, nothing changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fascia/fascia-store.h"
#include "fascia-test-utils.h"

static const char * const no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

typedef struct
{
  char *dir;
  char *db;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fascia_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "fascia.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->out);
  g_free (fixture->err);
}

static int
run (Fixture     *fixture,
     const char **args)
{
  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  return fascia_test_run_fascia (args, no_display, &fixture->out, &fixture->err);
}

/* Failed, with one line on standard error that contains @needle. */
static void
assert_refused (Fixture    *fixture,
                int         status,
                const char *needle)
{
  g_test_message ("%s", fixture->err);
  g_assert_cmpint (status, !=, 0);
  g_assert_true (g_str_has_suffix (fixture->err, "\n"));
  g_assert_true (strchr (fixture->err, '\n') == fixture->err + strlen (fixture->err) - 1);
  g_assert_nonnull (strstr (fixture->err, needle));
}

static void
make_clients (const char *path,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Client number %u", i);

      fascia_client_set_name (client, name);
      fascia_client_set_notes (client, "Some notes that take a little room on the page.");
      g_assert_true (fascia_store_add_client (store, client, &error));
    }
}

static void
test_handout_zero (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "h.pdf", NULL);
  const char *zero[] = { "--database", fixture->db, "--handout", "0", "--output", pdf, NULL };
  const char *word[] = { "--database", fixture->db, "--handout", "one", "--output", pdf, NULL };

  /* Refused as an argument: no window, no database made. */
  assert_refused (fixture, run (fixture, zero), "--handout");
  assert_refused (fixture, run (fixture, word), "“one”");
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
test_backup_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  const char *args[] = { "--database", fixture->db, "--backup", copy, NULL };
  g_autofree char *contents = NULL;
  gsize size;

  make_clients (fixture->db, 200);

  /* Damage a page inside; the header still says SQLite. */
  g_assert_true (g_file_get_contents (fixture->db, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 3 * 4096);
  for (gsize i = 0; i < 4096; i++)
    contents[2 * 4096 + i] = (char) (0xA5 ^ i);
  g_assert_true (g_file_set_contents (fixture->db, contents, size, NULL));

  assert_refused (fixture, run (fixture, args), "damaged");
  g_assert_nonnull (strstr (fixture->err, fixture->db));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

static void
test_import_not_regular (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "clients.csv", NULL);
  const char *sources[] = { "/dev/zero", fifo, fixture->dir };

  /* A FIFO with no writer would block a plain open for ever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      const char *args[] = { "--database", fixture->db, "--import-clients", sources[i], NULL };

      assert_refused (fixture, run (fixture, args), sources[i]);
      g_assert_nonnull (strstr (fixture->err, "not a regular file"));
    }
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_import_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *big = g_build_filename (fixture->dir, "big.csv", NULL);
  const char *args[] = { "--database", fixture->db, "--import-clients", big, NULL };
  int fd;

  /* 200 MB, sparse: refused from its size before a byte is read. */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 200 * 1024 * 1024), ==, 0);
  close (fd);

  assert_refused (fixture, run (fixture, args), "too large");
  g_assert_nonnull (strstr (fixture->err, big));
}

static void
test_import_wide_header (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *wide = g_build_filename (fixture->dir, "wide.csv", NULL);
  const char *args[] = { "--database", fixture->db, "--import-clients", wide, NULL };
  g_autoptr(GString) csv = g_string_new (NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (csv, "%scolumn%u", i > 0 ? "," : "", i);
  g_string_append (csv, "\n");
  g_assert_true (g_file_set_contents (wide, csv->str, csv->len, NULL));

  /* No "name" column: the message quotes a short excerpt, not 789 KB of header. */
  assert_refused (fixture, run (fixture, args), "name");
  g_assert_cmpuint (strlen (fixture->err), <, 1000);
}

static void
test_dangling_database (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "link.db", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "gone", "fascia.db", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "good.csv", NULL);
  const char *args[] = { "--database", link, "--import-clients", csv, NULL };

  g_assert_cmpint (symlink (target, link), ==, 0);
  assert_refused (fixture, run (fixture, args), link);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* No room for the daily backup: the import is done all the same, with a warning. */
static void
test_daily_backup_fails (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "good.csv", NULL);
  const char *args[] = { "--database", fixture->db, "--import-clients", csv, NULL };

  make_clients (fixture->db, 1);
  fascia_test_rm_rf (backups);
  g_assert_true (g_file_set_contents (backups, "a file where the backups folder goes", -1,
                                      NULL));

  g_assert_cmpint (run (fixture, args), ==, 0);
  g_test_message ("%s", fixture->err);
  g_assert_nonnull (strstr (fixture->out, "Imported 4 clients"));
  g_assert_nonnull (strstr (fixture->err, "warning"));
  g_assert_nonnull (strstr (fixture->err, backups));
}

static void
test_deep_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *content = fascia_test_make_atlas_dir (NULL);
  g_autofree char *muscles = g_build_filename (content, "muscles.json", NULL);
  const char *args[] = { "--check-content", content, NULL };
  g_autoptr(GString) json = g_string_new ("{\"muscles\": ");

  /* 100,000 levels, 200 KB: json-glib's recursive parser would run out of stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}\n");
  g_assert_true (g_file_set_contents (muscles, json->str, json->len, NULL));

  assert_refused (fixture, run (fixture, args), "muscles.json");
  g_assert_nonnull (strstr (fixture->err, "nested"));

  fascia_test_rm_rf (content);
}

static void
test_render_svg_not_regular (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "view.svg", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "out.png", NULL);
  const char *args[] = { "--render", fifo, "--output", png, NULL };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (fixture, run (fixture, args), fifo);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

#define TRUST_TEST(path, func) \
  g_test_add ("/fascia/ui/cli-trust/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TRUST_TEST ("handout-zero", test_handout_zero);
  TRUST_TEST ("backup-corrupt", test_backup_corrupt);
  TRUST_TEST ("import-not-regular", test_import_not_regular);
  TRUST_TEST ("import-too-large", test_import_too_large);
  TRUST_TEST ("import-wide-header", test_import_wide_header);
  TRUST_TEST ("dangling-database", test_dangling_database);
  TRUST_TEST ("daily-backup-fails", test_daily_backup_fails);
  TRUST_TEST ("deep-json", test_deep_json);
  TRUST_TEST ("render-svg-not-regular", test_render_svg_not_regular);

  return g_test_run ();
}
