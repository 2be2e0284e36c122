/* fascia-pattern.h — a pattern of imbalance across several muscles (patterns.json), such
 * as lower crossed syndrome, immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_PATTERN (fascia_pattern_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPattern, fascia_pattern, FASCIA, PATTERN, GObject)

const char         *fascia_pattern_get_id                 (FasciaPattern *self);
const char         *fascia_pattern_get_name               (FasciaPattern *self);
const char         *fascia_pattern_get_summary            (FasciaPattern *self);
const char * const *fascia_pattern_get_tight              (FasciaPattern *self);
const char * const *fascia_pattern_get_weak               (FasciaPattern *self);
const char         *fascia_pattern_get_effects            (FasciaPattern *self);
const char * const *fascia_pattern_get_techniques         (FasciaPattern *self);
const char         *fascia_pattern_get_client_explanation (FasciaPattern *self);
const char * const *fascia_pattern_get_references         (FasciaPattern *self);

G_END_DECLS
