/* fascia-db-private.h — what an engine of fascia-db.h supplies; only the engine files and
 * fascia-db.c include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-db.h"

G_BEGIN_DECLS

typedef struct
{
  FasciaDbEngine  engine;

  void          (*close)          (FasciaDb      *db);
  gboolean      (*exec)           (FasciaDb      *db,
                                   const char    *sql,
                                   GError       **error);
  gboolean      (*begin)          (FasciaDb      *db,
                                   GError       **error);
  gboolean      (*commit)         (FasciaDb      *db,
                                   GError       **error);
  void          (*rollback)       (FasciaDb      *db);
  gint64        (*changes)        (FasciaDb      *db);

  FasciaDbStmt *(*prepare)        (FasciaDb      *db,
                                   const char    *sql,
                                   gboolean       persistent,
                                   GError       **error);
  void          (*stmt_free)      (FasciaDbStmt  *stmt);
  void          (*stmt_reset)     (FasciaDbStmt  *stmt);
  void          (*bind_int64)     (FasciaDbStmt  *stmt,
                                   int            index,
                                   gint64         value);
  void          (*bind_double)    (FasciaDbStmt  *stmt,
                                   int            index,
                                   double         value);
  void          (*bind_text)      (FasciaDbStmt  *stmt,
                                   int            index,
                                   const char    *text);
  void          (*bind_null)      (FasciaDbStmt  *stmt,
                                   int            index);
  FasciaDbStep  (*step)           (FasciaDbStmt  *stmt,
                                   GError       **error);
  gint64        (*column_int64)   (FasciaDbStmt  *stmt,
                                   int            column);
  double        (*column_double)  (FasciaDbStmt  *stmt,
                                   int            column);
  const char   *(*column_text)    (FasciaDbStmt  *stmt,
                                   int            column);
  gboolean      (*column_is_null) (FasciaDbStmt  *stmt,
                                   int            column);
  /* Optional: NULL where no one else writes. */
  GSource      *(*watch_changes)  (FasciaDb            *db,
                                   FasciaDbChangeFunc   func,
                                   gpointer             user_data,
                                   GDestroyNotify       destroy,
                                   GError             **error);
  /* Optional: NULL where the connection cannot be lost (a file). */
  void          (*keep_connected) (FasciaDb            *db,
                                   GMainContext        *context,
                                   FasciaDbLinkFunc     func,
                                   gpointer             user_data);
  gboolean      (*is_connected)   (FasciaDb            *db);
  /* Optional: NULL where a COMMIT costs no round trip (a file). */
  void          (*commit_with_next) (FasciaDb          *db);
  /* Optional: NULL where no query waits for a server (a file). */
  void          (*set_answer_timeout)     (FasciaDb      *db,
                                           guint          milliseconds);
  /* A file's: for a wait for another connection's lock. */
  void          (*set_answer_cancellable) (FasciaDb      *db,
                                           GCancellable  *cancellable);
  void          (*set_silence_timeout)    (FasciaDb      *db,
                                           guint          milliseconds);
  const char   *(*get_lost_reason)        (FasciaDb      *db);
  guint64       (*get_session)            (FasciaDb      *db);
  gboolean      (*await_session_end)      (FasciaDb      *db,
                                           guint64        session,
                                           guint          milliseconds,
                                           GError       **error);
} FasciaDbClass;

/* Each engine's connection and statement start with these. */
struct _FasciaDb
{
  const FasciaDbClass *klass;
  char                *name;
  guint                n_selects;
};

struct _FasciaDbStmt
{
  FasciaDb            *db;
  gboolean             select;   /* a query that reads rows */
  gboolean             started;  /* stepped since it was prepared or reset */
};

GStrv fascia_db_list_migrations (const char *resource_dir,
                                 const char *engine);

G_END_DECLS
