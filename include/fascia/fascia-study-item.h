/* fascia-study-item.h — how a student is doing on one quiz item: its Leitner box and counts.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_STUDY_ITEM (fascia_study_item_get_type ())

G_DECLARE_FINAL_TYPE (FasciaStudyItem, fascia_study_item, FASCIA, STUDY_ITEM, GObject)

FasciaStudyItem  *fascia_study_item_new                  (void);
const char       *fascia_study_item_get_item_id          (FasciaStudyItem *self);
void              fascia_study_item_set_item_id          (FasciaStudyItem *self,
                                                          const char      *item_id);
const char       *fascia_study_item_get_quiz_kind        (FasciaStudyItem *self);
void              fascia_study_item_set_quiz_kind        (FasciaStudyItem *self,
                                                          const char      *quiz_kind);
guint             fascia_study_item_get_box              (FasciaStudyItem *self);
void              fascia_study_item_set_box              (FasciaStudyItem *self,
                                                          guint            box);
guint             fascia_study_item_get_correct          (FasciaStudyItem *self);
void              fascia_study_item_set_correct          (FasciaStudyItem *self,
                                                          guint            correct);
guint             fascia_study_item_get_wrong            (FasciaStudyItem *self);
void              fascia_study_item_set_wrong            (FasciaStudyItem *self,
                                                          guint            wrong);
GDateTime        *fascia_study_item_get_last_answered_at (FasciaStudyItem *self);
void              fascia_study_item_set_last_answered_at (FasciaStudyItem *self,
                                                          GDateTime       *last_answered_at);

G_END_DECLS
