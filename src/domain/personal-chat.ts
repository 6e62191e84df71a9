// Where the bot can reach a person in their personal chat: a saved Teams conversation reference per
// tenant and user. Proactive messages (consultation cards, reminders, notices) need it. The Teams edge
// depends on this narrow book instead of on the whole store, which it may not import (the layer rule
// in eslint.config.mjs); every store provides these two methods.

/**
 * A Teams conversation reference, saved per tenant and user (Entra object id): an object id seen in
 * one tenant says nothing about a person in another, so a reference saved from another tenant never
 * stands in for a school's own. Kept as the JSON botbuilder gives; only the Teams edge reads it.
 */
export interface SavedConversation {
  userId: string;
  tenantId: string;
  reference: Record<string, unknown>;
  updatedAt: string;
}

export interface PersonalChats {
  /** Save (or replace) the reference of this user in this tenant. */
  saveConversation(conversation: SavedConversation): Promise<void>;
  /** The reference saved for this user in this tenant, if any. */
  getConversation(tenantId: string, userId: string): Promise<SavedConversation | undefined>;
}
