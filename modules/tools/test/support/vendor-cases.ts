import type { OrgScope } from '@suite/db';
import { expect } from 'vitest';
import type { VerifyView } from '../../src/connections/connection.schema';
import type { ToolName } from '../../src/tools/tool-catalog';
import { connectOAuth } from './oauth-connect';
import {
  KEYS,
  startDocuSignStandIn,
  startDropboxSignStandIn,
  startGoogleBusinessStandIn,
  startGoogleMapsStandIn,
  startMailgunStandIn,
  startMapboxStandIn,
  startMetaStandIn,
  startResendStandIn,
  startSendGridStandIn,
  startSquareStandIn,
  startStripeStandIn,
  startYouTubeStandIn,
  type VendorStandIn,
} from './stand-ins/vendor-stand-ins';
import { connect } from './tool-calls';

export interface VendorCase {
  readonly tool: ToolName;
  readonly provider: string;
  start(): Promise<VendorStandIn>;
  connect(org: OrgScope, standIn: VendorStandIn): Promise<VerifyView>;
  /** The call's input; a function when it points at the stand-in (a video to upload). */
  readonly input: Record<string, unknown> | ((standIn: VendorStandIn) => Record<string, unknown>);
  readonly output: Record<string, unknown>;
  /** An input the vendor refuses, and the field it blames (when it names one). */
  readonly refused: { input: Record<string, unknown>; message: RegExp; field?: string };
  revoke(standIn: VendorStandIn): void;
  /** Raw credentials the result must never contain. */
  readonly secrets: readonly string[];
}

const apiKey =
  (provider: string, credential: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
  (org: OrgScope, standIn: VendorStandIn) =>
    connect(org, provider, credential, { ...settings, apiBaseUrl: standIn.url });
const oauth =
  (provider: string, settings: Record<string, unknown> = {}) =>
  (org: OrgScope, standIn: VendorStandIn) =>
    connectOAuth(org, provider, standIn.url, settings);
const revokeKey = (standIn: VendorStandIn) => {
  standIn.state.key = 'revoked';
};
const revokeOAuth = (standIn: VendorStandIn) => standIn.oauth?.revokeAll();

const email = { to: 'client@acme.example', subject: 'Your estimate', text: 'Attached is your estimate.' };
const charge = { amount: 12_500, currency: 'usd', description: 'Invoice 1042' };
const checkout = {
  ...charge,
  reference: 'books-invoice:42',
  success_url: 'https://clients.acme.example/invoices?paid=42',
  cancel_url: 'https://clients.acme.example/invoices',
};
const contract = {
  signer_email: 'ceo@client.example',
  signer_name: 'Dana Client',
  title: 'Managed services agreement',
  document_url: 'https://docs.acme.example/msa.pdf',
};

export const VENDOR_CASES: readonly VendorCase[] = [
  {
    tool: 'send_email',
    provider: 'sendgrid',
    start: startSendGridStandIn,
    connect: apiKey('sendgrid', { apiKey: KEYS.sendgrid }, { from: 'office@acme.example' }),
    input: email,
    output: { message_id: expect.stringMatching(/^sg-/) },
    refused: {
      input: { ...email, to: 'x@blocked.example' },
      message: /SendGrid refused the email: Does not contain a valid address/,
    },
    revoke: revokeKey,
    secrets: [KEYS.sendgrid],
  },
  {
    tool: 'send_email',
    provider: 'mailgun',
    start: startMailgunStandIn,
    connect: apiKey(
      'mailgun',
      { apiKey: KEYS.mailgun },
      { domain: 'mg.acme.example', from: 'office@mg.acme.example' },
    ),
    input: email,
    output: { message_id: expect.stringMatching(/@mg\.acme\.example>$/) },
    refused: {
      input: { ...email, to: 'x@blocked.example' },
      message: /Mailgun refused the email: to parameter is not a valid address/,
    },
    revoke: revokeKey,
    secrets: [KEYS.mailgun],
  },
  {
    tool: 'send_email',
    provider: 'resend',
    start: startResendStandIn,
    connect: apiKey('resend', { apiKey: KEYS.resend }, { from: 'office@acme.example' }),
    input: email,
    output: { message_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    refused: {
      input: { ...email, to: 'x@blocked.example' },
      message: /Resend refused the email: Invalid `to` field/,
    },
    revoke: revokeKey,
    secrets: [KEYS.resend],
  },
  {
    tool: 'charge_card',
    provider: 'stripe',
    start: startStripeStandIn,
    connect: apiKey('stripe', { secretKey: KEYS.stripe }),
    input: { ...charge, payment_method: 'tok_visa' },
    output: { charge_id: expect.stringMatching(/^ch_/), status: 'succeeded' },
    refused: {
      input: { ...charge, payment_method: 'tok_chargeDeclined' },
      message: /Stripe refused the charge: Your card was declined/,
      field: 'payment_method',
    },
    revoke: revokeKey,
    secrets: [KEYS.stripe],
  },
  {
    tool: 'create_checkout',
    provider: 'stripe',
    start: startStripeStandIn,
    connect: apiKey('stripe', { secretKey: KEYS.stripe }),
    input: checkout,
    output: {
      checkout_id: expect.stringMatching(/^cs_test_/),
      url: expect.stringMatching(/\/c\/pay\/cs_test_/),
      status: 'open',
    },
    refused: {
      input: { ...checkout, currency: 'xts' },
      message: /Stripe refused the checkout: Invalid currency: xts/,
      field: 'currency',
    },
    revoke: revokeKey,
    secrets: [KEYS.stripe],
  },
  {
    tool: 'charge_card',
    provider: 'square',
    start: startSquareStandIn,
    connect: apiKey('square', { accessToken: KEYS.square }, { locationId: 'L1' }),
    input: { ...charge, payment_method: 'cnon:card-nonce-ok' },
    output: { charge_id: expect.stringMatching(/^sqpay/), status: 'completed' },
    refused: {
      input: { ...charge, payment_method: 'cnon:card-nonce-declined' },
      message: /Square refused the payment: Authorization error: GENERIC_DECLINE/,
    },
    revoke: revokeKey,
    secrets: [KEYS.square],
  },
  {
    tool: 'post_to_social',
    provider: 'meta',
    start: startMetaStandIn,
    connect: oauth('meta', { pageId: '1234' }),
    input: { text: 'New install finished today!' },
    output: { post_id: expect.stringMatching(/^1234_/), url: expect.stringContaining('facebook.com') },
    refused: {
      input: { text: 'forbidden words' },
      message: /Meta refused the post: The post violates community standards/,
    },
    revoke: revokeOAuth,
    secrets: [],
  },
  {
    tool: 'post_to_social',
    provider: 'youtube',
    start: startYouTubeStandIn,
    connect: oauth('youtube'),
    input: (standIn) => ({
      text: 'Server room rebuild\nTime-lapse of the weekend.',
      media_url: `${standIn.url}/media/rebuild.mp4`,
    }),
    output: { post_id: expect.stringMatching(/^vid/), url: expect.stringContaining('youtube.com/watch') },
    refused: {
      input: { text: 'no video' },
      message: /YouTube posts are videos: give media_url/,
      field: 'media_url',
    },
    revoke: revokeOAuth,
    secrets: [],
  },
  {
    tool: 'post_to_social',
    provider: 'google-business',
    start: startGoogleBusinessStandIn,
    connect: oauth('google-business', { location: 'accounts/11/locations/22' }),
    input: { text: 'Open on Saturday for drop-off repairs.' },
    output: {
      post_id: expect.stringMatching(/^accounts\/11\/locations\/22\/localPosts\//),
      url: expect.any(String),
    },
    refused: {
      input: { text: 'x'.repeat(1600) },
      message: /Google Business Profile refused the post: Request contains an invalid argument/,
    },
    revoke: revokeOAuth,
    secrets: [],
  },
  {
    tool: 'send_contract',
    provider: 'dropbox-sign',
    start: startDropboxSignStandIn,
    connect: apiKey('dropbox-sign', { apiKey: KEYS.dropboxSign }),
    input: contract,
    output: { envelope_id: expect.any(String), status: 'sent' },
    refused: {
      input: { ...contract, document_url: 'https://docs.acme.example/missing.pdf' },
      message: /Dropbox Sign refused the request: Could not download file/,
    },
    revoke: revokeKey,
    secrets: [KEYS.dropboxSign],
  },
  {
    tool: 'send_contract',
    provider: 'docusign',
    start: startDocuSignStandIn,
    connect: oauth('docusign', { accountId: '6f1e3c1a-1b2c-4d5e-8f90-123456789abc' }),
    input: contract,
    output: { envelope_id: expect.stringMatching(/^env-/), status: 'sent' },
    refused: {
      input: { ...contract, document_url: 'https://docs.acme.example/missing.pdf' },
      message: /DocuSign refused the envelope: The document could not be fetched/,
    },
    revoke: revokeOAuth,
    secrets: [],
  },
  {
    tool: 'geocode_address',
    provider: 'google-maps',
    start: startGoogleMapsStandIn,
    connect: apiKey('google-maps', { apiKey: KEYS.googleMaps }),
    input: { address: '1 Main St, Springfield' },
    output: { lat: 37.422, lng: -122.084, formatted_address: '1 Main St, Springfield, USA' },
    refused: {
      input: { address: 'Nowhere Lane 0' },
      message: /Google Maps found no place for "Nowhere Lane 0"/,
      field: 'address',
    },
    revoke: revokeKey,
    secrets: [KEYS.googleMaps],
  },
  {
    tool: 'geocode_address',
    provider: 'mapbox',
    start: startMapboxStandIn,
    connect: apiKey('mapbox', { accessToken: KEYS.mapbox }),
    input: { address: '1 Main St, Springfield' },
    output: { lat: 37.422, lng: -122.084, formatted_address: '1 Main St, Springfield, United States' },
    refused: {
      input: { address: 'Nowhere Lane 0' },
      message: /Mapbox found no place for "Nowhere Lane 0"/,
      field: 'address',
    },
    revoke: revokeKey,
    secrets: [KEYS.mapbox],
  },
];
