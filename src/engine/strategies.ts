/** Connection strategies by kind (a light module: rules read them without the scope engine). */
export const SOCIAL_STRATEGIES = new Set([
  'google-oauth2', 'facebook', 'apple', 'github', 'linkedin', 'windowslive', 'twitter', 'amazon', 'bitbucket', 'box',
  'dropbox', 'line', 'paypal', 'paypal-sandbox', 'salesforce', 'salesforce-community', 'salesforce-sandbox', 'shopify',
  'soundcloud', 'yahoo', 'yandex', 'vkontakte', 'weibo', 'wordpress', 'baidu', 'daccount', 'dwolla', 'evernote',
  'evernote-sandbox', 'exact', 'fitbit', 'instagram', 'planningcenter', 'renren', 'thecity', 'thecity-sandbox',
  'thirtysevensignals', 'miicard', 'oauth1', 'oauth2',
]);
export const ENTERPRISE_STRATEGIES = new Set([
  'samlp', 'waad', 'adfs', 'oidc', 'okta', 'google-apps', 'pingfederate', 'ad', 'auth0-adldap', 'office365', 'ip', 'sharepoint',
]);
