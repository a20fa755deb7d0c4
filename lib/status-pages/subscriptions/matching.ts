// Who hears about what: a subscriber of some components hears of notices that touch one of them; a subscriber of
// none (the whole page) hears of everything, and a notice about no component (the whole page) reaches everyone.

export function subscriberWantsNotice(subscribed: readonly string[], noticeComponents: readonly string[]): boolean {
  if (subscribed.length === 0 || noticeComponents.length === 0) return true;
  return noticeComponents.some((id) => subscribed.includes(id));
}
