/* fascia-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     fascia_cli_add_options (GApplication *application);
gboolean fascia_cli_run         (GVariantDict *options,
                                 const char   *database_path,
                                 int          *exit_status);

G_END_DECLS
