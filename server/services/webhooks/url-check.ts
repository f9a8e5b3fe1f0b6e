import { ServiceError } from "@/server/services/errors";
import { webhookSettings } from "@/server/services/webhooks/settings";
import { checkWebhookUrl, UnsafeUrlError } from "@/server/services/webhooks/ssrf-guard";

/**
 * Validates a URL an admin or editor gives us (endpoint, channel or rep notification URL): http(s)
 * only, and no private, loopback or link-local target unless the deployment allows them. Returns the
 * normalised URL; BAD_REQUEST names `field` and why.
 */
export async function checkTargetUrl(raw: string, field = "url"): Promise<string> {
  const settings = webhookSettings();
  try {
    const { url } = await checkWebhookUrl(raw.trim(), {
      allowPrivate: settings.allowPrivate,
      resolve: settings.resolve,
    });
    return url.href;
  } catch (error) {
    if (error instanceof UnsafeUrlError) {
      throw new ServiceError("BAD_REQUEST", error.message.replace(/^url:/, `${field}:`));
    }
    throw error;
  }
}
