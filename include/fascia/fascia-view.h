/* fascia-view.h — one diagram view (views.json): its drawing and what the drawing shows,
 * immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_VIEW (fascia_view_get_type ())

G_DECLARE_FINAL_TYPE (FasciaView, fascia_view, FASCIA, VIEW, GObject)

const char         *fascia_view_get_id          (FasciaView *self);
const char         *fascia_view_get_title       (FasciaView *self);
const char         *fascia_view_get_description (FasciaView *self);
const char         *fascia_view_get_file        (FasciaView *self);
const char * const *fascia_view_get_muscles     (FasciaView *self);
const char * const *fascia_view_get_landmarks   (FasciaView *self);

G_END_DECLS
