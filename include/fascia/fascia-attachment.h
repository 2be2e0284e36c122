/* fascia-attachment.h — one origin or insertion of a muscle: its text and the landmarks
 * it attaches to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_ATTACHMENT (fascia_attachment_get_type ())

typedef struct
{
  char  *text;       /* "Lesser trochanter of the femur (with iliacus, as iliopsoas)" */
  char **landmarks;  /* landmark ids, at least one */
} FasciaAttachment;

GType             fascia_attachment_get_type (void) G_GNUC_CONST;
FasciaAttachment *fascia_attachment_new      (const char             *text,
                                              const char * const     *landmarks);
FasciaAttachment *fascia_attachment_copy     (const FasciaAttachment *self);
void              fascia_attachment_free     (FasciaAttachment       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaAttachment, fascia_attachment_free)

G_END_DECLS
