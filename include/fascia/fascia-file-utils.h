/* fascia-file-utils.h — writing a file safely, reading one with bounds, quoting bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FasciaFileWriteFlags:
 * @FASCIA_FILE_WRITE_NONE: mode 0666 less the umask, as a new file gets
 * @FASCIA_FILE_WRITE_PRIVATE: mode 0600, whatever the umask: the file holds client data
 */
typedef enum {
  FASCIA_FILE_WRITE_NONE    = 0,
  FASCIA_FILE_WRITE_PRIVATE = 1 << 0,
} FasciaFileWriteFlags;

/* Longest excerpt of bad input a message quotes, in characters. */
#define FASCIA_EXCERPT_LENGTH 60

typedef struct _FasciaFileWriter FasciaFileWriter;

FasciaFileWriter *fascia_file_writer_new            (const char            *path,
                                                     FasciaFileWriteFlags   flags,
                                                     GError               **error);
int               fascia_file_writer_get_fd         (FasciaFileWriter      *self);
const char       *fascia_file_writer_get_temp_path  (FasciaFileWriter      *self);
const char       *fascia_file_writer_get_path       (FasciaFileWriter      *self);
gboolean          fascia_file_writer_write          (FasciaFileWriter      *self,
                                                     const void            *data,
                                                     gsize                  length);
gboolean          fascia_file_writer_commit         (FasciaFileWriter      *self,
                                                     GError               **error);
void              fascia_file_writer_free           (FasciaFileWriter      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaFileWriter, fascia_file_writer_free)

gboolean          fascia_file_write_contents        (const char            *path,
                                                     const void            *data,
                                                     gsize                  length,
                                                     FasciaFileWriteFlags   flags,
                                                     GError               **error);
gboolean          fascia_file_check_destination     (const char            *path,
                                                     GError               **error);
guint             fascia_file_remove_leftovers      (const char            *dir,
                                                     const char            *prefix);

GBytes           *fascia_file_read_bounded          (const char            *path,
                                                     gsize                  max_size,
                                                     GError               **error);

char             *fascia_text_excerpt               (const char            *text,
                                                     gssize                 length,
                                                     guint                  max_chars);

G_END_DECLS
