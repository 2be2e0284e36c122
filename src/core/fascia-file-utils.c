/* fascia-file-utils.c — writing a file safely, reading one with bounds, quoting bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"

/*
 * Every file Fascia writes goes through FasciaFileWriter. It creates a fresh temporary file
 * beside the destination with O_CREAT | O_EXCL | O_NOFOLLOW (so a link planted under the
 * temporary name is never followed and an existing file never reused), writes it, fsyncs it,
 * checks that the destination is still a regular file or absent, and renames the temporary
 * file over it. A crash leaves either the old file or the new one, never half of one.
 *
 * The writer holds an flock() on its temporary file until it is done, so that
 * fascia_file_remove_leftovers() can tell a temporary file whose writer was killed from one
 * that is still being written.
 */

#define TEMP_SUFFIX ".tmp"
/* Room for ".", "." and ".XXXXXX.tmp-journal" within NAME_MAX. */
#define MAX_TEMP_BASE 128

struct _FasciaFileWriter
{
  char     *path;
  char     *temp_path;
  int       fd;
  int       write_errno;
  guint     committed : 1;
};

/* "Could not write “PATH”: No space left on device" */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s “%s”: %s", what,
               path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * fascia_file_check_destination:
 * @path: a file about to be written
 *
 * Refuses a destination that is a symbolic link or anything but a regular file (a device,
 * a pipe, a folder): writing there would follow the link or replace something that is not a
 * document. A destination that does not exist is fine.
 *
 * Returns: %TRUE if @path may be replaced; else %FALSE with a %G_IO_ERROR naming it.
 */
gboolean
fascia_file_check_destination (const char  *path,
                               GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return set_errno_error (error, errno, "Cannot write", path);
    }

  if (S_ISLNK (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "“%s” is a symbolic link; Fascia does not write through links, and nothing "
                   "was written", path);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR,
                   S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   "“%s” is not a regular file (%s); nothing was written", path,
                   S_ISDIR (st.st_mode) ? "a folder" : "a device, pipe or socket");
      return FALSE;
    }

  return TRUE;
}

static char *
temp_base (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  gsize length = strlen (base);

  if (length > MAX_TEMP_BASE)
    {
      const char *end = base + MAX_TEMP_BASE;

      /* Cut at a character boundary when the name is UTF-8. */
      if (g_utf8_validate (base, -1, NULL))
        end = g_utf8_find_prev_char (base, end + 1);
      base[end - base] = '\0';
    }

  return g_steal_pointer (&base);
}

/**
 * fascia_file_writer_new:
 * @path: the file to write; replaced only by fascia_file_writer_commit()
 * @flags: the new file's mode
 *
 * Starts writing @path through a new temporary file in its folder.
 *
 * Returns: (transfer full): the writer, or %NULL with a %G_IO_ERROR naming @path.
 */
FasciaFileWriter *
fascia_file_writer_new (const char            *path,
                        FasciaFileWriteFlags   flags,
                        GError               **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  FasciaFileWriter *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fascia_file_check_destination (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = temp_base (path);
  name = g_strdup_printf (".%s.XXXXXX" TEMP_SUFFIX, base);

  self = g_new0 (FasciaFileWriter, 1);
  self->path = g_strdup (path);
  self->temp_path = g_build_filename (dir, name, NULL);
  self->fd = -1;

  fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW,
                       (flags & FASCIA_FILE_WRITE_PRIVATE) ? 0600 : 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      fascia_file_writer_free (self);
      set_errno_error (error, saved_errno, "Cannot write", path);
      return NULL;
    }
  self->fd = fd;

  /* Marks the file as being written, for fascia_file_remove_leftovers(). */
  (void) flock (fd, LOCK_EX | LOCK_NB);

  return self;
}

/**
 * fascia_file_writer_get_fd:
 *
 * Returns: the temporary file's descriptor, open for reading and writing; the writer owns it.
 */
int
fascia_file_writer_get_fd (FasciaFileWriter *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fd;
}

/**
 * fascia_file_writer_get_temp_path:
 *
 * Returns: the temporary file, for a library that must open a file by name (SQLite). Its
 *   identity is checked again before it is renamed into place.
 */
const char *
fascia_file_writer_get_temp_path (FasciaFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp_path;
}

const char *
fascia_file_writer_get_path (FasciaFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

/**
 * fascia_file_writer_write:
 *
 * Appends @data. The first failure is kept and reported by fascia_file_writer_commit(), so
 * this suits a callback (cairo's write functions) that cannot return a #GError.
 *
 * Returns: %FALSE if this or an earlier write failed.
 */
gboolean
fascia_file_writer_write (FasciaFileWriter *self,
                          const void       *data,
                          gsize             length)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->write_errno != 0)
    return FALSE;

  while (length > 0)
    {
      ssize_t n = write (self->fd, p, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          self->write_errno = errno;
          return FALSE;
        }

      p += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static void
sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Makes the rename durable; some file systems cannot sync a folder, which is no error. */
  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
}

/**
 * fascia_file_writer_commit:
 *
 * Syncs the temporary file and renames it over the destination, which must still be a
 * regular file or absent. After a failure the destination is as it was.
 *
 * Returns: %TRUE if the destination now holds what was written.
 */
gboolean
fascia_file_writer_commit (FasciaFileWriter  *self,
                           GError           **error)
{
  GStatBuf named, opened;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->write_errno != 0)
    return set_errno_error (error, self->write_errno, "Could not write", self->path);

  if (fsync (self->fd) != 0)
    return set_errno_error (error, errno, "Could not write", self->path);

  /* The name must still be the file this writer created. */
  if (fstat (self->fd, &opened) != 0 || g_lstat (self->temp_path, &named) != 0 ||
      opened.st_dev != named.st_dev || opened.st_ino != named.st_ino)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not write “%s”: its temporary file “%s” was replaced or removed "
                   "while it was written", self->path, self->temp_path);
      return FALSE;
    }

  if (!fascia_file_check_destination (self->path, error))
    return FALSE;

  if (g_rename (self->temp_path, self->path) != 0)
    return set_errno_error (error, errno, "Could not write", self->path);

  self->committed = TRUE;
  sync_dir (self->path);
  return TRUE;
}

/**
 * fascia_file_writer_free:
 *
 * Closes the writer; a temporary file that was not committed is removed.
 */
void
fascia_file_writer_free (FasciaFileWriter *self)
{
  if (self == NULL)
    return;

  if (!self->committed && self->temp_path != NULL)
    {
      g_autofree char *journal = g_strconcat (self->temp_path, "-journal", NULL);

      g_unlink (self->temp_path);
      g_unlink (journal);
    }

  if (self->fd >= 0)
    close (self->fd);

  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

/**
 * fascia_file_write_contents:
 * @path: the file to write
 * @data: (array length=length): what it holds
 * @flags: its mode
 *
 * Writes @path whole through a fresh temporary file, as #FasciaFileWriter does.
 *
 * Returns: %TRUE on success; else %FALSE, @path unchanged and a %G_IO_ERROR naming it.
 */
gboolean
fascia_file_write_contents (const char            *path,
                            const void            *data,
                            gsize                  length,
                            FasciaFileWriteFlags   flags,
                            GError               **error)
{
  g_autoptr(FasciaFileWriter) writer = fascia_file_writer_new (path, flags, error);

  if (writer == NULL)
    return FALSE;

  fascia_file_writer_write (writer, data, length);
  return fascia_file_writer_commit (writer, error);
}

/* `.PREFIX….XXXXXX.tmp`: a writer's temporary file; *main_length is the length without a
 * SQLite side file's suffix (`-journal`, `-wal`, `-shm`). */
static gboolean
is_temp_name (const char *name,
              const char *prefix,
              gsize      *main_length)
{
  static const char *sides[] = { "-journal", "-wal", "-shm", "" };
  gsize length = strlen (name);
  gsize suffix = strlen (TEMP_SUFFIX);

  if (name[0] != '.' || strncmp (name + 1, prefix, strlen (prefix)) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      gsize side = strlen (sides[i]);
      gsize end;

      if (length < side || strcmp (name + length - side, sides[i]) != 0)
        continue;

      end = length - side;
      if (end < 1 + strlen (prefix) + 7 + suffix ||
          strncmp (name + end - suffix, TEMP_SUFFIX, suffix) != 0 ||
          name[end - suffix - 7] != '.')
        continue;

      for (gsize j = end - suffix - 6; j < end - suffix; j++)
        if (!g_ascii_isalnum (name[j]))
          return FALSE;

      *main_length = end;
      return TRUE;
    }

  return FALSE;
}

/**
 * fascia_file_remove_leftovers:
 * @dir: a folder Fascia writes to
 * @prefix: the start of the names of the files whose leftovers to remove ("fascia-")
 *
 * Removes the temporary files (and their SQLite journals) that a writer killed in the middle
 * left in @dir. A temporary file still being written, by this process or another, is kept.
 *
 * Returns: how many files were removed.
 */
guint
fascia_file_remove_leftovers (const char *dir,
                              const char *prefix)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (dir != NULL, 0);
  g_return_val_if_fail (prefix != NULL, 0);

  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      gsize main_length;
      GStatBuf st;
      int fd;

      if (!is_temp_name (name, prefix, &main_length))
        continue;

      path = g_build_filename (dir, name, NULL);
      if (main_length != strlen (name))
        {
          g_ptr_array_add (sides, g_steal_pointer (&path));
          continue;
        }

      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
      if (fd < 0)
        continue;

      /* Only a regular file whose writer is gone: its lock went with it. */
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          g_unlink (path) == 0)
        removed++;
      close (fd);
    }

  /* A journal is a leftover once its temporary file is gone. */
  for (guint i = 0; i < sides->len; i++)
    {
      const char *side = g_ptr_array_index (sides, i);
      g_autofree char *main_name = NULL;
      const char *dash = strrchr (side, '-');
      GStatBuf st;

      main_name = g_strndup (side, dash - side);
      if (g_lstat (main_name, &st) != 0 && errno == ENOENT &&
          g_lstat (side, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (side) == 0)
        removed++;
    }

  return removed;
}

/**
 * fascia_file_read_bounded:
 * @path: a file to read
 * @max_size: the largest size accepted, in bytes
 *
 * Reads a regular file of at most @max_size bytes. A device, a pipe or a folder is refused
 * without reading from it (and without blocking on a pipe that has no writer); a larger file
 * is refused without reading it whole, even if it grows while it is read.
 *
 * Returns: (transfer full): its contents, or %NULL with a %G_IO_ERROR naming @path.
 */
GBytes *
fascia_file_read_bounded (const char  *path,
                          gsize        max_size,
                          GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *limit = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, "Could not read", path);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, "Could not read", path);
      close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR,
                   S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   "“%s” is not a regular file (%s); nothing was read", path,
                   S_ISDIR (st.st_mode) ? "a folder" : "a device, pipe or socket");
      close (fd);
      return NULL;
    }

  limit = g_format_size (max_size);
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size = g_format_size (st.st_size);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "“%s” is too large (%s; at most %s); nothing was read", path, size, limit);
      close (fd);
      return NULL;
    }

  bytes = g_byte_array_sized_new ((guint) st.st_size + 1);
  for (;;)
    {
      guint8 buffer[64 * 1024];
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "Could not read", path);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;

      if (bytes->len + (gsize) n > max_size)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "“%s” is too large (more than %s); nothing was read", path, limit);
          close (fd);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }

  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * fascia_text_excerpt:
 * @text: text from a file, perhaps not UTF-8
 * @length: its length in bytes, or -1 if it ends with a nul
 * @max_chars: the most characters to keep
 *
 * Makes text safe to quote in a one-line message: at most @max_chars characters, control
 * characters and line breaks as spaces, bytes that are not UTF-8 as U+FFFD, and "…" where it
 * was cut.
 *
 * Returns: (transfer full): the excerpt.
 */
char *
fascia_text_excerpt (const char *text,
                     gssize      length,
                     guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize bytes;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  bytes = length < 0 ? strlen (text) : (gsize) length;
  /* No character is longer than 4 bytes; the replacement of a bad byte is 3. */
  valid = g_utf8_make_valid (text, MIN (bytes, (gsize) max_chars * 4 + 4));
  out = g_string_sized_new (MIN (bytes, (gsize) max_chars * 4) + 4);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
      n++;
    }

  if (n < max_chars && strlen (valid) < bytes && !g_str_has_suffix (out->str, "…"))
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}
