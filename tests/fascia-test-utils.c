/* fascia-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-test"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fascia-test-utils.h"

/**
 * fascia_test_make_tmpdir:
 *
 * Returns: (transfer full): a new empty directory for one test; remove it with
 *   fascia_test_rm_rf().
 */
char *
fascia_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fascia-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
fascia_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          /* A test may have made a folder read-only; give it back before removing. */
          g_chmod (path, 0700);
          fascia_test_rm_rf (child);
        }
    }
  g_rmdir (path);
}

static void
copy_json_files (const char *from,
                 const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (from, 0, &error);
  const char *name;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (target, contents, length, &error);
      g_assert_no_error (error);
    }
}

/**
 * fascia_test_make_atlas_dir:
 * @bad_case: (nullable): a folder of tests/data/atlas-bad, or %NULL
 *
 * Copies the good atlas content of tests/data/atlas-good into a new temporary folder and
 * lays the files of @bad_case over it: each bad case holds only the files it breaks.
 *
 * Returns: (transfer full): the folder; remove it with fascia_test_rm_rf().
 */
char *
fascia_test_make_atlas_dir (const char *bad_case)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "atlas-good", NULL);
  char *tmp = fascia_test_make_tmpdir ();

  copy_json_files (good, tmp);

  if (bad_case != NULL)
    {
      g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "atlas-bad", bad_case,
                                                    NULL);

      g_assert_true (g_file_test (bad, G_FILE_TEST_IS_DIR));
      copy_json_files (bad, tmp);
    }

  return tmp;
}

/* Runs every pending main-loop source, so a test sees the state a user would see. */
void
fascia_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * fascia_test_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass.
 *
 * Returns: whether @condition held.
 */
gboolean
fascia_test_wait_for (FasciaTestCondition condition,
                      gpointer            user_data,
                      guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return condition (user_data);
}

/**
 * fascia_test_run_fascia:
 * @args: arguments after the program name, %NULL-terminated
 * @unset_env: (nullable): environment variables to remove, e.g. `DISPLAY`
 * @stdout_text: (out) (optional): what the program printed
 * @stderr_text: (out) (optional): what it printed on standard error
 *
 * Runs the built `fascia` binary (from `FASCIA_BINARY`) and waits for it.
 *
 * Returns: its exit status.
 */
int
fascia_test_run_fascia (const char * const  *args,
                        const char * const  *unset_env,
                        char               **stdout_text,
                        char               **stderr_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  const char *binary = g_getenv ("FASCIA_BINARY");
  int wait_status = 0;

  g_assert_nonnull (binary);

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; unset_env != NULL && unset_env[i] != NULL; i++)
    envp = g_environ_unsetenv (envp, unset_env[i]);

  /* What the caller does not collect must not reach the test's own output, which is TAP. */
  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                (stdout_text == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) |
                (stderr_text == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                NULL, NULL, stdout_text, stderr_text, &wait_status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);

  return -1;
}

/**
 * fascia_test_pdf_smallest_text:
 * @pdf: a PDF file
 * @known: two words that follow each other in @pdf, set in a known size, e.g. "each mark"
 * @known_pt: their size in points
 * @smallest: (out) (optional): the smallest word
 *
 * Measures the smallest text of @pdf, drawings' labels included, as pdftotext finds it: a
 * word's box is as tall as its font's line, so the line of @known, at @known_pt, tells how
 * tall a point is in the fonts used.
 *
 * Returns: the size of the smallest word, in points
 */
double
fascia_test_pdf_smallest_text (const char  *pdf,
                               const char  *known,
                               double       known_pt,
                               char       **smallest)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_auto(GStrv) pair = g_strsplit (known, " ", 2);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  double known_height = 0, least = G_MAXDOUBLE;
  guint least_i = 0;
  int status = 0;
  const char *p;

  g_assert_cmpuint (g_strv_length (pair), ==, 2);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &html, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (p = html; (p = strstr (p, "<word ")) != NULL; p++)
    {
      double x_min, y_min, x_max, y_max;
      const char *start = strchr (p, '>'), *end;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x_min, &y_min, &x_max, &y_max), ==, 4);
      g_assert_nonnull (start);
      end = strstr (start, "</word>");
      g_assert_nonnull (end);
      g_ptr_array_add (words, g_strndup (start + 1, end - start - 1));
      y_max -= y_min;
      g_array_append_val (heights, y_max);
    }

  for (guint i = 0; i + 1 < words->len && known_height == 0; i++)
    if (g_str_equal (words->pdata[i], pair[0]) && g_str_equal (words->pdata[i + 1], pair[1]))
      known_height = g_array_index (heights, double, i);
  if (known_height <= 0)
    g_error ("%s: no “%s” to measure the text by", pdf, known);

  for (guint i = 0; i < words->len; i++)
    if (g_array_index (heights, double, i) < least)
      {
        least = g_array_index (heights, double, i);
        least_i = i;
      }
  g_assert_cmpuint (words->len, >, 0);
  if (smallest != NULL)
    *smallest = g_strdup (words->pdata[least_i]);
  return least / known_height * known_pt;
}

/* The month names of the current locale, full and short, as an alternation for a regex. */
static char *
month_names_pattern (void)
{
  g_autoptr(GString) pattern = g_string_new ("");

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (2001, month, 1, 12, 0, 0);
      const char *formats[] = { "%B", "%b" };

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autofree char *name = g_date_time_format (day, formats[i]);
          g_autofree char *escaped = g_regex_escape_string (name, -1);

          g_string_append_printf (pattern, "%s%s", pattern->len > 0 ? "|" : "", escaped);
        }
    }
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

/**
 * fascia_test_find_misformatted_date:
 * @text: text as shown or printed, whitespace runs squeezed to one space
 * @format: the one function that writes a date (fascia_format_date())
 *
 * Looks for everything in @text that reads as a date — in numbers (12/02/26, 2026-12-02,
 * 2.12.2026), or with the month as a word before or after the day, with or without the
 * year — and checks that @format wrote it: the day it names, given to @format, comes back
 * as the very same text.
 *
 * Returns: (transfer full) (nullable): the first date written another way, or %NULL
 */
char *
fascia_test_find_misformatted_date (const char *text,
                                    char     *(*format) (GDateTime *date))
{
  g_autofree char *months = month_names_pattern ();
  g_autofree char *word_pattern = g_strdup_printf (
    "\\b(?:(\\d{1,2})\\.? (%s)\\b(?:,? (\\d{4}))?|(?:%s) \\d{1,2}(?:st|nd|rd|th)?\\b,?(?: \\d{4})?)",
    months, months);
  g_autoptr(GRegex) numeric = g_regex_new ("\\b\\d{1,4}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}\\b", 0, 0, NULL);
  g_autoptr(GRegex) words = g_regex_new (word_pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_nonnull (numeric);
  g_assert_nonnull (words);

  if (g_regex_match (numeric, text, 0, &match))
    return g_match_info_fetch (match, 0);
  g_clear_pointer (&match, g_match_info_unref);

  for (g_regex_match (words, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *whole = g_match_info_fetch (match, 0);
      g_autofree char *day = g_match_info_fetch (match, 1);
      g_autofree char *month = g_match_info_fetch (match, 2);
      g_autofree char *year = g_match_info_fetch (match, 3);
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *written = NULL;
      int month_number = 0;

      /* The month before the day, or no year: not the one way. */
      if (day == NULL || *day == '\0' || year == NULL || *year == '\0')
        return g_steal_pointer (&whole);

      for (int m = 1; m <= 12 && month_number == 0; m++)
        {
          g_autoptr(GDateTime) sample = g_date_time_new_utc (2001, m, 1, 12, 0, 0);
          g_autofree char *full = g_date_time_format (sample, "%B");
          g_autofree char *shortened = g_date_time_format (sample, "%b");

          if (g_ascii_strcasecmp (month, full) == 0 || g_ascii_strcasecmp (month, shortened) == 0)
            month_number = m;
        }
      date = g_date_time_new_local (atoi (year), month_number, atoi (day), 12, 0, 0);
      if (date == NULL)
        return g_steal_pointer (&whole);
      written = format (date);
      if (!g_str_equal (written, whole))
        return g_steal_pointer (&whole);
    }

  return NULL;
}
