// meldcode-bot: everything one school board needs in Azure, in one resource group.
//
//   user-assigned managed identity  the bot's identity: signs in to the Bot Framework and to Cosmos DB
//   Azure Bot + Microsoft Teams      MicrosoftAppId = the identity's client id (no secret anywhere)
//   App Service (Linux, Node LTS)    runs `npm start`; health check on /healthz
//   Cosmos DB for NoSQL              database + containers provisioned here, keys switched off
//   Log Analytics + App Insights     App Service logs (ids only, never pupil data) and a /healthz test
//
// The names and values below must match what the code reads: src/config.ts (app settings) and
// src/store/cosmos-store.ts (containers, partition keys, indexing policies).
// test/infra/bicep-matches-code.test.ts checks that they do. Deploy with docs/deploy.md.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Name of the web app, globally unique: lowercase letters, digits and dashes. The bot is reached at https://<appName>.azurewebsites.net/api/messages; the other resource names start with it.')
@minLength(3)
@maxLength(40)
param appName string

@description('Region of the App Service, the identity and the logs. EU regions only (AVG).')
@allowed([
  'westeurope'
  'northeurope'
  'swedencentral'
  'germanywestcentral'
  'francecentral'
])
param location string = 'westeurope'

@description('Region of the Cosmos DB account: where the dossiers are stored. EU regions only (AVG).')
@allowed([
  'westeurope'
  'northeurope'
  'swedencentral'
  'germanywestcentral'
  'francecentral'
])
param cosmosLocation string = 'westeurope'

@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'Meldcode'

@description('Azure Bot pricing tier. Microsoft Teams is a standard channel; S1 comes with an SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('App Service plan size. Basic (B1) is the smallest with Always On and the health check.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('Node.js runtime of the web app. Pick the newest LTS that `az webapp list-runtimes --os-type linux` lists.')
@allowed([
  'NODE|22-lts'
  'NODE|24-lts'
])
param nodeRuntime string = 'NODE|22-lts'

@description('serverless: pay per request, right for one school board. autoscale: provisioned throughput shared by both containers, for heavy use.')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosCapacityMode string = 'serverless'

@description('Only with autoscale: the highest RU/s the database may scale to (it scales down to a tenth of it).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Point-in-time restore window of the Cosmos DB account (continuous backup).')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Put a delete lock on the Cosmos DB account, so that the dossiers cannot be deleted with the account by mistake. Needs Owner or User Access Administrator rights to deploy.')
param protectDossiersWithLock bool = true

@description('The schools: per school its id, name, Entra tenant, zorgcoördinatoren, beslisser and optionally the care-team channel. Becomes the SCHOOLS setting (JSON).')
@minLength(1)
param schools school[]

@description('Entra tenant ids whose users may use the bot. Empty: the tenant this template is deployed in.')
param allowedTenantIds string[] = []

@description('Entra object ids of administrators who may see the configuration in the chat (ADMIN_IDS).')
param adminIds string[] = []

@description('Language when the Teams client sends neither a Dutch nor an English locale.')
@allowed([
  'nl'
  'en'
])
param defaultLanguage string = 'nl'

@description('Log level of the bot. Its logs carry ids only, never pupil data.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('How many days Log Analytics keeps the logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('E-mail address that is told when /healthz fails from two or more places. Empty: no alert.')
param alertEmail string = ''

@description('Tags put on every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

@description('A person by Entra object id (Entra admin center > Users > the user > Object ID).')
type person = {
  @minLength(1)
  id: string
  @minLength(1)
  @maxLength(100)
  name: string
}

@description('One school, as src/config.ts reads it from SCHOOLS.')
type school = {
  @description('Short lowercase id such as de-linde: letters, digits and dashes.')
  @minLength(2)
  @maxLength(41)
  id: string
  @minLength(1)
  @maxLength(100)
  name: string
  @description('Entra tenant id of the school.')
  tenantId: string
  @description('The zorgcoördinatoren (intern begeleiders) of the school: at least one.')
  @minLength(1)
  coordinators: person[]
  @description('Who confirms the decision to report (usually the director).')
  decisionMaker: person
  @description('Confirms the decisions the beslisser took himself. Leave the key out when there is none.')
  deputyDecisionMaker: person?
  @description('The school\'s own word for the zorgcoördinator: intern-begeleider, zorgcoordinator or aandachtsfunctionaris. Leave out for zorgcoordinator.')
  roleName: string?
  @description('Teams channel id of the zorgteam, such as 19:...@thread.tacv2. Leave the key out when there is none.')
  careTeamChannelId: string?
}

// ---------------------------------------------------------------------------------------------
// Names and fixed values
// ---------------------------------------------------------------------------------------------

var identityName = '${appName}-id'
var planName = '${appName}-plan'
var botName = '${appName}-bot'
var cosmosAccountName = toLower('${appName}-db')
var workspaceName = '${appName}-logs'
var appInsightsName = '${appName}-insights'

// The database and container names the code uses by default (COSMOS_DATABASE,
// COSMOS_DOSSIERS_CONTAINER, COSMOS_USERS_CONTAINER).
var cosmosDatabaseName = 'meldcode'
var dossiersContainerName = 'dossiers'
var usersContainerName = 'users'

// Cosmos DB Built-in Data Contributor: read and write items, nothing on the account itself.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

var isServerless = cosmosCapacityMode == 'serverless'
// The web app's own host name (normally <appName>.azurewebsites.net).
var botEndpoint = 'https://${site.properties.defaultHostName}/api/messages'
var botTenants = empty(allowedTenantIds) ? [tenant().tenantId] : allowedTenantIds

// The web app's environment. Every name is a variable src/config.ts reads, except
// SCM_DO_BUILD_DURING_DEPLOYMENT, which tells App Service to run `npm install` and
// `npm run build` after a zip deploy. No MicrosoftAppPassword and no COSMOS_KEY: the bot signs
// in to both services with its managed identity.
var appSettings = [
  {
    name: 'MicrosoftAppId'
    value: identity.properties.clientId
  }
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenant().tenantId
  }
  {
    name: 'STORE'
    value: 'cosmos'
  }
  {
    name: 'COSMOS_ENDPOINT'
    value: cosmos.properties.documentEndpoint
  }
  {
    name: 'COSMOS_DATABASE'
    value: cosmosDatabaseName
  }
  {
    name: 'COSMOS_DOSSIERS_CONTAINER'
    value: dossiersContainerName
  }
  {
    name: 'COSMOS_USERS_CONTAINER'
    value: usersContainerName
  }
  {
    name: 'COSMOS_MANAGED_IDENTITY_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'COSMOS_CREATE_IF_NOT_EXISTS'
    value: 'false'
  }
  {
    name: 'SCHOOLS'
    value: string(schools)
  }
  {
    name: 'ALLOWED_TENANT_IDS'
    value: join(botTenants, ',')
  }
  {
    name: 'ADMIN_IDS'
    value: join(adminIds, ',')
  }
  {
    name: 'DEFAULT_LANGUAGE'
    value: defaultLanguage
  }
  {
    name: 'LOG_LEVEL'
    value: logLevel
  }
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
]

// ---------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Logs and monitoring
// ---------------------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// A standard availability test: GET /healthz every five minutes from three EU locations.
// /healthz answers only whether the store is reachable; it carries no data.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${appName}-healthz'
  location: location
  tags: union(tags, {
    'hidden-link:${appInsights.id}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${appName}-healthz'
    Name: '${appName} /healthz'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'emea-gb-db3-azr'
      }
      {
        Id: 'emea-fr-pra-edge'
      }
    ]
    Request: {
      RequestUrl: 'https://${site.properties.defaultHostName}/healthz'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${appName}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'meldcode'
    enabled: true
    emailReceivers: [
      {
        name: 'beheer'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (!empty(alertEmail)) {
  name: '${appName}-healthz-failing'
  location: 'global'
  tags: union(tags, {
    'hidden-link:${appInsights.id}': 'Resource'
    'hidden-link:${healthTest.id}': 'Resource'
  })
  properties: {
    description: 'meldcode-bot /healthz fails from two or more locations: the bot or its Cosmos DB is unreachable.'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: appInsights.id
      failedLocationCount: 2
    }
    actions: [
      {
        actionGroupId: alertGroup.id
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Cosmos DB for NoSQL
// ---------------------------------------------------------------------------------------------

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: cosmosAccountName
  location: cosmosLocation
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: cosmosLocation
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: isServerless ? [{ name: 'EnableServerless' }] : []
    // Keys cannot be used: only Entra ID (the bot's managed identity) reaches the data.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackupTier
      }
    }
  }
}

resource cosmosLock 'Microsoft.Authorization/locks@2020-05-01' = if (protectDossiersWithLock) {
  name: '${cosmosAccountName}-no-delete'
  scope: cosmos
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the meldcode dossiers. Remove this lock only on the decision of the privacy officer.'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    // Serverless accounts take no throughput; autoscale is shared by both containers.
    options: isServerless ? {} : { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } }
  }
}

// Dossiers, per-school number counters and audit events; one logical partition per school.
// The indexing policy is DOSSIERS_INDEXING_POLICY of src/store/cosmos-store.ts.
resource dossiersContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: dossiersContainerName
  properties: {
    resource: {
      id: dossiersContainerName
      partitionKey: {
        paths: [
          '/schoolId'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/schoolId/?'
          }
          {
            path: '/type/?'
          }
          {
            path: '/ownerId/?'
          }
          {
            path: '/status/?'
          }
          {
            path: '/updatedAt/?'
          }
          {
            path: '/nextReminderAt/?'
          }
          {
            path: '/waitingFor/[]/?'
          }
          {
            path: '/coordinatorIds/[]/?'
          }
          {
            path: '/coOwnerIds/[]/?'
          }
          {
            path: '/attention/[]/?'
          }
          {
            path: '/attentionDetails/consultation/since/?'
          }
          {
            path: '/attentionDetails/decision/since/?'
          }
          {
            path: '/dossierId/?'
          }
          {
            path: '/at/?'
          }
        ]
        excludedPaths: [
          {
            path: '/*'
          }
        ]
      }
    }
  }
}

// Saved Teams conversation references, one document per user, read by id only.
// The indexing policy is USERS_INDEXING_POLICY of src/store/cosmos-store.ts.
resource usersContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: usersContainerName
  properties: {
    resource: {
      id: usersContainerName
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: []
        excludedPaths: [
          {
            path: '/*'
          }
        ]
      }
    }
  }
}

// Data-plane access for the bot's identity: read and write items in this account, nothing else.
// Without it every request of the bot gets 403 from Cosmos DB.
resource cosmosDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// ---------------------------------------------------------------------------------------------
// App Service
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: nodeRuntime
      appCommandLine: 'npm start'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      appSettings: appSettings
    }
  }
  dependsOn: [
    // The bot must not start before its containers and its data-plane role exist.
    dossiersContainer
    usersContainer
    cosmosDataAccess
  ]
}

// No publishing with user names and passwords (FTP or the SCM site): deploy with an Entra sign-in
// (az webapp deploy, or GitHub Actions with azure/login).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service logs (HTTP access, console output of the bot, platform events) and metrics to
// Log Analytics. The bot's console output is pino JSON with ids only: no pupil data, no user text.
resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: botEndpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('Messaging endpoint of the Azure Bot.')
output botEndpoint string = botEndpoint

@description('Host name of the web app.')
output appHostName string = site.properties.defaultHostName

@description('Client id of the managed identity: MicrosoftAppId, and the botId of the Teams app package.')
output identityClientId string = identity.properties.clientId

@description('Cosmos DB endpoint (COSMOS_ENDPOINT).')
output cosmosEndpoint string = cosmos.properties.documentEndpoint

@description('Name of the Log Analytics workspace with the App Service logs.')
output logAnalyticsWorkspaceName string = workspace.name
