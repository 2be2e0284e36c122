/* fascia-store-demo.c — placeholder */
#define G_LOG_DOMAIN "fascia-store"
#include "config.h"
#include "fascia-store-private.h"

gboolean
fascia_store_create_demo (const char  *path,
                          GError     **error)
{
  g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED, "not yet");
  return FALSE;
}
