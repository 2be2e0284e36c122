/* fascia-home-exercise.h — an exercise or stretch a plan gives the client to do at home.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_HOME_EXERCISE (fascia_home_exercise_get_type ())

G_DECLARE_FINAL_TYPE (FasciaHomeExercise, fascia_home_exercise, FASCIA, HOME_EXERCISE, GObject)

FasciaHomeExercise  *fascia_home_exercise_new              (void);
gint64               fascia_home_exercise_get_id           (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_id           (FasciaHomeExercise *self,
                                                            gint64              id);
gint64               fascia_home_exercise_get_plan_id      (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_plan_id      (FasciaHomeExercise *self,
                                                            gint64              plan_id);
const char          *fascia_home_exercise_get_technique_id (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_technique_id (FasciaHomeExercise *self,
                                                            const char         *technique_id);
guint                fascia_home_exercise_get_sets         (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_sets         (FasciaHomeExercise *self,
                                                            guint               sets);
guint                fascia_home_exercise_get_reps         (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_reps         (FasciaHomeExercise *self,
                                                            guint               reps);
const char          *fascia_home_exercise_get_frequency    (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_frequency    (FasciaHomeExercise *self,
                                                            const char         *frequency);
const char          *fascia_home_exercise_get_notes        (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_notes        (FasciaHomeExercise *self,
                                                            const char         *notes);
guint                fascia_home_exercise_get_position     (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_position     (FasciaHomeExercise *self,
                                                            guint               position);
GDateTime           *fascia_home_exercise_get_created_at   (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_created_at   (FasciaHomeExercise *self,
                                                            GDateTime          *created_at);
GDateTime           *fascia_home_exercise_get_updated_at   (FasciaHomeExercise *self);
void                 fascia_home_exercise_set_updated_at   (FasciaHomeExercise *self,
                                                            GDateTime          *updated_at);

G_END_DECLS
