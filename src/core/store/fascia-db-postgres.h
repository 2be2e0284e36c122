/* fascia-db-postgres.h — the PostgreSQL engine of fascia-db.h: a clinic's shared server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-db.h"

G_BEGIN_DECLS

gboolean          fascia_db_postgres_is_conninfo (const char         *database);
FasciaDb         *fascia_db_postgres_open        (const char         *conninfo,
                                                  GError            **error);
FasciaDb         *fascia_db_postgres_open_at     (const char         *conninfo,
                                                  int                 target_version,
                                                  GError            **error);
gboolean          fascia_db_postgres_migrate     (FasciaDb           *db,
                                                  int                 target_version,
                                                  GError            **error);
char             *fascia_db_postgres_describe    (void);
char             *fascia_db_postgres_get_option  (FasciaDb           *db,
                                                  const char         *keyword);
void              fascia_db_postgres_set_lock_timeout (FasciaDb      *db,
                                                  guint               milliseconds);

G_END_DECLS
