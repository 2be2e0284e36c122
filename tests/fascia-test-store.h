/* fascia-test-store.h: test helpers that reach into the store's worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-store.h"

G_BEGIN_DECLS

typedef struct _FasciaTestWorkerHold FasciaTestWorkerHold;

FasciaTestWorkerHold *fascia_test_hold_worker    (FasciaStore          *store);
gboolean              fascia_test_release_worker (FasciaTestWorkerHold *hold);

G_END_DECLS
