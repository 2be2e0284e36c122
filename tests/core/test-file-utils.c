/* test-file-utils.c — the one way Fascia writes a file, and the bounded way it reads one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia-test-utils.h"

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_write_new_and_replace (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (fascia_file_write_contents (path, "one", 3, FASCIA_FILE_WRITE_NONE, &error));
  g_assert_no_error (error);
  first = read_text (path);
  g_assert_cmpstr (first, ==, "one");

  g_assert_true (fascia_file_write_contents (path, "two", 3, FASCIA_FILE_WRITE_NONE, &error));
  g_assert_no_error (error);
  second = read_text (path);
  g_assert_cmpstr (second, ==, "two");

  /* No temporary file is left beside it. */
  g_assert_cmpuint (count_entries (tmp), ==, 1);

  fascia_test_rm_rf (tmp);
}

static void
test_private_mode_whatever_umask (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *private = g_build_filename (tmp, "client.pdf", NULL);
  g_autofree char *public = g_build_filename (tmp, "diagram.png", NULL);
  mode_t old = umask (0);
  GStatBuf st;

  g_assert_true (fascia_file_write_contents (private, "x", 1, FASCIA_FILE_WRITE_PRIVATE, NULL));
  g_assert_true (fascia_file_write_contents (public, "x", 1, FASCIA_FILE_WRITE_NONE, NULL));
  umask (022);
  g_assert_true (fascia_file_write_contents (public, "y", 1, FASCIA_FILE_WRITE_NONE, NULL));
  umask (old);

  g_assert_cmpint (g_stat (private, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (public, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  fascia_test_rm_rf (tmp);
}

static void
test_refuses_symlink (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *victim = g_build_filename (tmp, "victim.txt", NULL);
  g_autofree char *link = g_build_filename (tmp, "out.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  g_assert_cmpint (symlink (victim, link), ==, 0);

  g_assert_false (fascia_file_write_contents (link, "pdf", 3, FASCIA_FILE_WRITE_PRIVATE,
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, link));
  g_assert_null (strchr (error->message, '\n'));

  kept = read_text (victim);
  g_assert_cmpstr (kept, ==, "precious");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (count_entries (tmp), ==, 2);

  fascia_test_rm_rf (tmp);
}

static void
test_refuses_fifo_and_folder (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (tmp, "pipe.pdf", NULL);
  g_autofree char *folder = g_build_filename (tmp, "folder.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  g_assert_false (fascia_file_write_contents (fifo, "x", 1, FASCIA_FILE_WRITE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, fifo));
  g_clear_error (&error);

  g_assert_false (fascia_file_write_contents (folder, "x", 1, FASCIA_FILE_WRITE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (count_entries (tmp), ==, 2);

  fascia_test_rm_rf (tmp);
}

static void
test_destination_replaced_while_writing (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "out.pdf", NULL);
  g_autofree char *victim = g_build_filename (tmp, "victim.txt", NULL);
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  writer = fascia_file_writer_new (path, FASCIA_FILE_WRITE_PRIVATE, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_file_writer_write (writer, "pdf", 3));

  /* A link planted at the destination while the file was being written. */
  g_assert_cmpint (symlink (victim, path), ==, 0);
  g_assert_false (fascia_file_writer_commit (writer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_pointer (&writer, fascia_file_writer_free);

  kept = read_text (victim);
  g_assert_cmpstr (kept, ==, "precious");
  g_assert_cmpuint (count_entries (tmp), ==, 2);

  fascia_test_rm_rf (tmp);
}

static void
test_abandoned_writer_leaves_nothing (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "out.pdf", NULL);
  g_autoptr(FasciaFileWriter) writer = NULL;

  writer = fascia_file_writer_new (path, FASCIA_FILE_WRITE_NONE, NULL);
  g_assert_nonnull (writer);
  g_assert_true (g_file_test (fascia_file_writer_get_temp_path (writer), G_FILE_TEST_EXISTS));
  g_assert_true (fascia_file_writer_write (writer, "half", 4));
  g_clear_pointer (&writer, fascia_file_writer_free);

  g_assert_cmpuint (count_entries (tmp), ==, 0);

  fascia_test_rm_rf (tmp);
}

static void
test_leftovers_of_a_killed_writer (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "fascia-2026-01-01.db", NULL);
  g_autofree char *other = g_build_filename (tmp, ".other.abcdef.tmp", NULL);
  g_autofree char *journal = NULL;
  g_autoptr(FasciaFileWriter) live = NULL;
  g_autofree char *live_path = NULL;
  int status;
  pid_t pid;

  /* A writer killed in the middle: its temporary file and a journal stay behind. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      FasciaFileWriter *writer = fascia_file_writer_new (path, FASCIA_FILE_WRITE_PRIVATE, NULL);
      g_autofree char *side = g_strconcat (fascia_file_writer_get_temp_path (writer),
                                           "-journal", NULL);

      fascia_file_writer_write (writer, "half", 4);
      g_file_set_contents (side, "journal", -1, NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpuint (count_entries (tmp), ==, 2);

  /* One being written now is kept, and so is a file that is not Fascia's. */
  live = fascia_file_writer_new (path, FASCIA_FILE_WRITE_PRIVATE, NULL);
  live_path = g_strdup (fascia_file_writer_get_temp_path (live));
  journal = g_strconcat (live_path, "-journal", NULL);
  g_assert_true (g_file_set_contents (journal, "journal", -1, NULL));
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));

  g_assert_cmpuint (fascia_file_remove_leftovers (tmp, "fascia-"), ==, 2);
  g_assert_cmpuint (count_entries (tmp), ==, 3);
  g_assert_true (g_file_test (live_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  g_assert_true (fascia_file_writer_commit (live, NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  fascia_test_rm_rf (tmp);
}

static void
test_read_regular (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "a.csv", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "name\nAda\n", -1, NULL));
  bytes = fascia_file_read_bounded (path, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "name\nAda\n", 9);

  fascia_test_rm_rf (tmp);
}

static void
test_read_refuses_device_fifo_folder (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (tmp, "pipe.csv", NULL);
  const char *paths[] = { "/dev/zero", fifo, tmp };

  /* A FIFO with no writer: opening it must not wait for one. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fascia_file_read_bounded (paths[i], 1024, &error);

      g_assert_null (bytes);
      g_assert_nonnull (error);
      g_assert_true (error->code == G_IO_ERROR_NOT_REGULAR_FILE ||
                     error->code == G_IO_ERROR_IS_DIRECTORY);
      g_assert_nonnull (strstr (error->message, paths[i]));
    }

  fascia_test_rm_rf (tmp);
}

static void
test_read_refuses_large (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "big.csv", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* 200 MB, sparse: refused from its size, without reading it. */
  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 200 * 1024 * 1024), ==, 0);
  close (fd);

  bytes = fascia_file_read_bounded (path, 64 * 1024 * 1024, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, path));

  fascia_test_rm_rf (tmp);
}

static void
test_excerpt (void)
{
  g_autofree char *long_text = g_strnfill (100000, 'a');
  g_autofree char *cut = fascia_text_excerpt (long_text, -1, FASCIA_EXCERPT_LENGTH);
  g_autofree char *lines = fascia_text_excerpt ("one\ntwo\r\tthree", -1, 60);
  g_autofree char *bad = fascia_text_excerpt ("a\xff" "b", 3, 60);
  g_autofree char *utf8 = fascia_text_excerpt ("ééééé", -1, 3);

  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, FASCIA_EXCERPT_LENGTH + 1);
  g_assert_true (g_str_has_suffix (cut, "…"));
  g_assert_cmpstr (lines, ==, "one two  three");
  g_assert_cmpstr (bad, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (utf8, ==, "ééé…");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/file-utils/write-new-and-replace", test_write_new_and_replace);
  g_test_add_func ("/fascia/core/file-utils/private-mode", test_private_mode_whatever_umask);
  g_test_add_func ("/fascia/core/file-utils/refuses-symlink", test_refuses_symlink);
  g_test_add_func ("/fascia/core/file-utils/refuses-fifo-and-folder",
                   test_refuses_fifo_and_folder);
  g_test_add_func ("/fascia/core/file-utils/destination-replaced-while-writing",
                   test_destination_replaced_while_writing);
  g_test_add_func ("/fascia/core/file-utils/abandoned-writer", test_abandoned_writer_leaves_nothing);
  g_test_add_func ("/fascia/core/file-utils/leftovers", test_leftovers_of_a_killed_writer);
  g_test_add_func ("/fascia/core/file-utils/read-regular", test_read_regular);
  g_test_add_func ("/fascia/core/file-utils/read-refuses-device-fifo-folder",
                   test_read_refuses_device_fifo_folder);
  g_test_add_func ("/fascia/core/file-utils/read-refuses-large", test_read_refuses_large);
  g_test_add_func ("/fascia/core/file-utils/excerpt", test_excerpt);

  return g_test_run ();
}
