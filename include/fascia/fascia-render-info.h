/* fascia-render-info.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *fascia_render_describe_libraries (void);

G_END_DECLS
