/* fascia-attachment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-attachment.h"

G_DEFINE_BOXED_TYPE (FasciaAttachment, fascia_attachment,
                     fascia_attachment_copy, fascia_attachment_free)

/**
 * fascia_attachment_new:
 * @text: where the muscle attaches, in words
 * @landmarks: the landmark ids it attaches to
 *
 * Returns: (transfer full): a new #FasciaAttachment
 */
FasciaAttachment *
fascia_attachment_new (const char         *text,
                       const char * const *landmarks)
{
  FasciaAttachment *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (landmarks != NULL, NULL);

  self = g_new0 (FasciaAttachment, 1);
  self->text = g_strdup (text);
  self->landmarks = g_strdupv ((char **) landmarks);

  return self;
}

FasciaAttachment *
fascia_attachment_copy (const FasciaAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return fascia_attachment_new (self->text, (const char * const *) self->landmarks);
}

void
fascia_attachment_free (FasciaAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_strfreev (self->landmarks);
  g_free (self);
}
