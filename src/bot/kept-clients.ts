// The Bot Framework's clients, made once and kept. botbuilder's CloudAdapter makes a new connector
// client (the one that sends to Teams) and a new user-token client for every turn and every
// proactive message; each builds a whole request pipeline, which showed up in the benchmark's
// profile at every card action. Both hold nothing of a turn: only the bot's credentials (which
// fetch and renew their own tokens) and the address they talk to. So one of each is kept per app id,
// service URL and audience, and every turn and send to that address uses it.
//
// Authentication itself is untouched: every inbound request is still checked by botbuilder's own
// ConfigurationBotFrameworkAuthentication before anything is looked up here.

import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';

/**
 * Teams answers from a handful of regional service URLs; the bound only keeps a misbehaving caller
 * from growing the map.
 */
const CLIENTS_KEPT = 64;

/** The app a turn's clients act for, as botbuilder reads it from the claims. */
function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/**
 * The client kept under `key`, or the one `make` makes, kept from now on. A client that could not be
 * made (its credentials failed) is forgotten, so the next turn makes it again.
 */
function keptOrMade<Client>(
  kept: LRUCache<string, Promise<Client>>,
  key: string,
  make: () => Promise<Client>,
): Promise<Client> {
  const found = kept.get(key);
  if (found) return found;
  const client = make();
  kept.set(key, client);
  client.catch(() => {
    if (kept.get(key) === client) kept.delete(key);
  });
  return client;
}

/** A connector factory that hands out the kept client for an address, making it the first time. */
class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly made: ConnectorFactory,
    private readonly appId: string,
    private readonly kept: LRUCache<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // A proactive send names no audience (the factory then uses its cloud's default): it gets a
    // client of its own rather than a guess that the default is the one the turns named.
    return keptOrMade(this.kept, JSON.stringify([this.appId, serviceUrl, audience ?? '']), () =>
      this.made.create(serviceUrl, audience),
    );
  }
}

export class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new LRUCache<string, Promise<ConnectorClient>>({ max: CLIENTS_KEPT });
  private readonly userTokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: CLIENTS_KEPT });

  constructor(options: ConfigurationBotFrameworkAuthenticationOptions) {
    super(options);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.keeping(await super.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.keeping(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new KeptConnectorFactory(
      super.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.connectorClients,
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return keptOrMade(this.userTokenClients, appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  /** botbuilder's result, with its connector factory (when it made one) handing out kept clients. */
  private keeping(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new KeptConnectorFactory(
        result.connectorFactory,
        appIdOf(result.claimsIdentity),
        this.connectorClients,
      ),
    };
  }
}
