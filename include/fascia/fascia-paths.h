/* fascia-paths.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *fascia_paths_default_database (void);
gboolean  fascia_paths_ensure_private_dir (const char  *dir,
                                           GError     **error);

G_END_DECLS
