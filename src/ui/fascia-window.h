/* fascia-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia-application.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_WINDOW (fascia_window_get_type ())

G_DECLARE_FINAL_TYPE (FasciaWindow, fascia_window, FASCIA, WINDOW, AdwApplicationWindow)

FasciaWindow *fascia_window_new              (FasciaApplication *application);
const char   *fascia_window_get_visible_page (FasciaWindow      *self);

G_END_DECLS
