<?php
/*
 * Keliweb APIv2 stand-in: a router script for PHP's built-in server, doing what the real (WHMCS-based) server does
 * with a request: PHP's own multipart parser fills $_POST, then base64_decode / json_decode / unserialize.
 *
 *   KELIWEB_STANDIN_STATE=/tmp/x PHP_CLI_SERVER_WORKERS=4 php -d post_max_size=512M -d memory_limit=2G \
 *       -S 127.0.0.1:8080 keliweb.php
 *
 * Normally started through tests/ChatBot.Tests/StandIns/KeliwebStandIn.cs, which documents the behaviour for C#.
 *
 * Endpoints (as Keliweb):
 *   POST /oauth/token                     password and refresh_token grants (client test-client / test-secret,
 *                                         any username with password "correct-password"); refresh tokens rotate.
 *   POST /api/v2/keliweb/open-ticket      WHMCS OpenTicket checks and answer {result,id,tid,c}
 *   POST /api/v2/keliweb/add-ticket-reply
 *   POST /api/v2/keliweb/get-ticket
 *   POST /api/v2/keliweb/get-clients-products  the token owner's services, paged (limitstart, limitnum = 25) like
 *                                         WHMCS: {"products":{"product":[..]}}, or "products":"" when there are none
 * Control (JSON in, JSON out; for tests only):
 *   GET  /__control/state                 everything recorded (tickets, replies, token requests, call counts)
 *   POST /__control/reset                 forget everything (tokens too), restore the default config
 *   POST /__control/config                merge {"access_token_lifetime":s, "unknown_deptids":[..],
 *                                         "ticket_number_field":"tid"|"ticketnum"}
 *   POST /__control/fault                 {"method":"open-ticket"|"add-ticket-reply"|"get-ticket"|"oauth/token",
 *                                         "count":n, "status":503, "body":"..", "headers":{"Retry-After":"7"},
 *                                         "process_first":bool, "delay_seconds":s, "close":bool,
 *                                         "flood_bytes":n, "flood_chunk_delay_ms":ms}
 *                                         for the next n calls of that method: optionally do the real work first,
 *                                         optionally sleep, then either drop the connection (close), answer with
 *                                         status/body/headers (or the normal answer when status is null), or flood:
 *                                         a chunked answer (status or 200) of flood_bytes bytes in 1 MB chunks,
 *                                         flood_chunk_delay_ms apart, stopping when the client goes away.
 *                                         ("body_base64" instead of "body": raw bytes, e.g. invalid UTF-8)
 *   POST /__control/clear-faults          forget the faults not yet used
 *   POST /__control/products              {"email":..,"products":[{"id":..,"name":..,"domain":..,"status":..}],
 *                                         "shape":"nested"|"array"|"empty-string"|"raw","raw":"..","clientid":n}: the
 *                                         services of the account that logs in with that email (of its client n, when
 *                                         given: requests naming that clientid); open-ticket then refuses a serviceid
 *                                         not among them ("Service ID Not Found"), as WHMCS does per client
 *   POST /__control/expire-access-tokens  every issued access token now gets 401
 *   POST /__control/staff-reply           {"ticketid":n, "admin":"Mario Rossi", "message":"..", "attachments":["a.pdf"]}
 *                                         a reply by the support team (what the sync brings into chat); answers its replyid
 *   POST /__control/set-status            {"ticketid":n, "status":"In Progress"}: what staff do in the admin area
 *   POST /__control/revoke-refresh-tokens every issued refresh token now gets invalid_grant
 * State lives in $KELIWEB_STANDIN_STATE/state.json, guarded by flock on state.lock (several server processes).
 * "close" kills the PHP process serving the request; PHP does not replace it, so use it sparingly per server.
 */

const CLIENT_ID = 'test-client';
const CLIENT_SECRET = 'test-secret';
const USER_PASSWORD = 'correct-password';

function state_dir(): string
{
    $dir = getenv('KELIWEB_STANDIN_STATE');
    if ($dir === false || $dir === '') {
        $dir = sys_get_temp_dir() . '/keliweb-standin';
    }
    if (!is_dir($dir)) {
        @mkdir($dir, 0700, true);
    }
    return $dir;
}

function initial_state(): array
{
    return [
        'config' => ['access_token_lifetime' => 3600, 'unknown_deptids' => [], 'ticket_number_field' => 'tid'],
        'next_ticket_id' => 1,
        'next_reply_id' => 1,
        'staff_replies' => [],
        'tickets' => [],
        'replies' => [],
        'token_requests' => [],
        'calls' => new stdClass(),
        'faults' => new stdClass(),
        'access_tokens' => new stdClass(),
        'refresh_tokens' => new stdClass(),
        'products' => new stdClass(),
        'products_requests' => [],
    ];
}

/** Runs $change on the state under an exclusive lock and saves it; returns what $change returned. */
function with_state(callable $change)
{
    $lock = fopen(state_dir() . '/state.lock', 'c');
    flock($lock, LOCK_EX);
    try {
        $file = state_dir() . '/state.json';
        $state = is_file($file) ? json_decode(file_get_contents($file), true) : null;
        if (!is_array($state)) {
            // Through JSON so the empty maps become arrays, as they are after every later load.
            $state = json_decode(json_encode(initial_state()), true);
        }
        $result = $change($state);
        $state = with_maps_as_objects($state);
        file_put_contents($file . '.tmp', json_encode($state, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT));
        rename($file . '.tmp', $file);
        return $result;
    } finally {
        flock($lock, LOCK_UN);
        fclose($lock);
    }
}

/** Maps stay JSON objects when empty (json_encode writes an empty PHP array as []). */
function with_maps_as_objects(array $state): array
{
    foreach (['calls', 'faults', 'access_tokens', 'refresh_tokens', 'products'] as $map) {
        $state[$map] = (object)$state[$map];
    }
    return $state;
}

function answer(int $status, $body, array $headers = []): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    foreach ($headers as $name => $value) {
        header($name . ': ' . $value);
    }
    echo is_string($body) ? $body : json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
}

function whmcs_error(string $message): array
{
    return ['status' => 200, 'body' => ['result' => 'error', 'message' => $message]];
}

function random_alnum(int $length): string
{
    $chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    $text = '';
    for ($i = 0; $i < $length; $i++) {
        $text .= $chars[random_int(0, strlen($chars) - 1)];
    }
    return $text;
}

function int_or_null(string $name): ?int
{
    return isset($_POST[$name]) && $_POST[$name] !== '' ? (int)$_POST[$name] : null;
}

function string_or_null(string $name): ?string
{
    return isset($_POST[$name]) ? (string)$_POST[$name] : null;
}

/** The bearer token, or null. */
function bearer(): ?string
{
    $headers = array_change_key_case(getallheaders(), CASE_LOWER);
    if (isset($headers['authorization']) && preg_match('/^Bearer\s+(\S+)$/i', $headers['authorization'], $m)) {
        return $m[1];
    }
    return null;
}

/** WHMCS: base64_decode + safe_unserialize; anything but an array is dropped silently (recorded as an error here). */
function decode_custom_fields(): array
{
    if (!isset($_POST['customfields'])) {
        return [null, false];
    }
    $serialized = base64_decode($_POST['customfields'], true);
    $values = $serialized === false ? false : @unserialize($serialized, ['allowed_classes' => false]);
    if (!is_array($values)) {
        return [null, true];
    }
    $fields = [];
    foreach ($values as $id => $value) {
        $fields[] = ['id' => (int)$id, 'value' => (string)$value];
    }
    return [$fields, false];
}

/** WHMCS: json_decode(base64_decode(..)), items without name or data skipped. Keeps only name, size and sha256. */
function decode_attachments(): array
{
    if (!isset($_POST['attachments'])) {
        return [[], false];
    }
    $json = base64_decode($_POST['attachments'], true);
    unset($_POST['attachments']);
    $items = $json === false ? null : json_decode($json, true);
    unset($json);
    if (!is_array($items)) {
        return [[], true];
    }
    $files = [];
    foreach ($items as $i => $item) {
        if (!is_array($item) || !isset($item['name'], $item['data'])) {
            continue;
        }
        $bytes = base64_decode($item['data'], true);
        unset($items[$i]);
        if ($bytes === false) {
            return [$files, true];
        }
        $files[] = ['name' => (string)$item['name'], 'size' => strlen($bytes), 'sha256' => hash('sha256', $bytes)];
        unset($bytes);
    }
    return [$files, false];
}

function markdown_flag(): ?bool
{
    return isset($_POST['markdown']) ? (bool)$_POST['markdown'] : null;
}

function open_ticket(string $token): array
{
    $postedFields = array_keys($_POST);
    [$customFields, $customFieldsError] = decode_custom_fields();
    $clientId = int_or_null('clientid');
    $name = string_or_null('name');
    $email = string_or_null('email');
    // Keliweb tokens belong to one customer: with neither clientid nor name/email the ticket is that customer's
    // (Keliweb's table does not list clientid; WHMCS alone would refuse). Name without email, or the reverse, is refused.
    $tokenOwner = with_state(fn (array &$s) => $s['access_tokens'][$token]['email'] ?? null);
    if (!$clientId && ((string)$name === '') !== ((string)$email === '')) {
        return whmcs_error('Name and email address are required if not a client');
    }
    $deptId = int_or_null('deptid');
    $unknown = with_state(fn (array &$s) => $s['config']['unknown_deptids']);
    if (!$deptId || in_array($deptId, $unknown, true)) {
        return whmcs_error('Department ID not found');
    }
    if ((string)string_or_null('subject') === '') {
        return whmcs_error('Subject is required');
    }
    if ((string)string_or_null('message') === '') {
        return whmcs_error('Message is required');
    }
    if (($refused = service_check($tokenOwner)) !== null) {
        return $refused;
    }
    [$attachments, $attachmentsError] = decode_attachments();
    $priority = string_or_null('priority');
    $ticket = [
        'tid' => (string)random_int(100000, 999999),
        'c' => random_alnum(8),
        'deptid' => $deptId,
        'subject' => $_POST['subject'],
        'message' => $_POST['message'],
        'clientid' => $clientId,
        'token_owner' => $tokenOwner,
        'contactid' => int_or_null('contactid'),
        'name' => $name,
        'email' => $email,
        'serviceid' => int_or_null('serviceid'),
        'domainid' => int_or_null('domainid'),
        'priority' => $priority,
        // WHMCS coerces anything else, silently.
        'effective_priority' => in_array($priority, ['Low', 'Medium', 'High'], true) ? $priority : 'Low',
        'markdown' => markdown_flag(),
        'markdown_raw' => string_or_null('markdown'),
        'customfields' => $customFields,
        'customfields_error' => $customFieldsError,
        'attachments' => $attachments,
        'attachments_error' => $attachmentsError,
        'bearer_token' => $token,
        'content_length' => (int)($_SERVER['CONTENT_LENGTH'] ?? 0),
        'posted_fields' => $postedFields,
        'date' => keliweb_now(),
    ];
    $ticket = with_state(function (array &$s) use ($ticket) {
        $ticket = ['id' => $s['next_ticket_id']++] + $ticket;
        $s['tickets'][] = $ticket;
        return $ticket;
    });
    return ['status' => 200, 'body' => ['result' => 'success', 'id' => (string)$ticket['id'], 'tid' => $ticket['tid'], 'c' => $ticket['c']]];
}

function find_ticket(array $state, ?int $id, ?string $tid): ?array
{
    foreach ($state['tickets'] as $ticket) {
        if (($id !== null && $ticket['id'] === $id) || ($id === null && $tid !== null && $ticket['tid'] === $tid)) {
            return $ticket;
        }
    }
    return null;
}

function add_ticket_reply(string $token): array
{
    $ticketId = int_or_null('ticketid');
    $state = with_state(fn (array &$s) => $s);
    if ($ticketId === null || find_ticket($state, $ticketId, null) === null) {
        return whmcs_error('Ticket ID Not Found');
    }
    if ((string)string_or_null('message') === '') {
        return whmcs_error('Message is required');
    }
    [$customFields, $customFieldsError] = decode_custom_fields();
    [$attachments, $attachmentsError] = decode_attachments();
    $reply = [
        'ticketid' => $ticketId,
        'message' => $_POST['message'],
        'markdown' => markdown_flag(),
        'markdown_raw' => string_or_null('markdown'),
        'clientid' => int_or_null('clientid'),
        'contactid' => int_or_null('contactid'),
        'name' => string_or_null('name'),
        'email' => string_or_null('email'),
        'customfields' => $customFields,
        'customfields_error' => $customFieldsError,
        'attachments' => $attachments,
        'attachments_error' => $attachmentsError,
        'bearer_token' => $token,
        'content_length' => (int)($_SERVER['CONTENT_LENGTH'] ?? 0),
    ];
    with_state(function (array &$s) use ($reply) {
        $s['replies'][] = ['id' => $s['next_reply_id']++, 'date' => keliweb_now($s)] + $reply;
        sync_customer_replied($s, $reply['ticketid']);
    });
    return ['status' => 200, 'body' => ['result' => 'success']];
}

function get_ticket(): array
{
    $state = with_state(fn (array &$s) => $s);
    $ticket = find_ticket($state, int_or_null('ticketid'), string_or_null('ticketnum'));
    if ($ticket === null) {
        return whmcs_error('Ticket ID Not Found');
    }
    return ['status' => 200, 'body' => [
        'result' => 'success',
        'ticketid' => $ticket['id'],
        $state['config']['ticket_number_field'] => $ticket['tid'],
        'c' => $ticket['c'],
        'deptid' => $ticket['deptid'],
        'userid' => $ticket['clientid'] ?? 0,
        'contactid' => $ticket['contactid'] ?? 0,
        'name' => $ticket['name'] ?? '',
        'email' => $ticket['email'] ?? '',
        'subject' => $ticket['subject'],
        'date' => $ticket['date'] ?? keliweb_now($state),
        'status' => $ticket['status'] ?? 'Open',
        'priority' => $ticket['effective_priority'],
        'lastreply' => $ticket['lastreply'] ?? ($ticket['date'] ?? keliweb_now($state)),
        'replies' => ['reply' => sync_conversation($state, $ticket)],
    ]];
}

// ---- The ticket as a conversation (issue 13): staff replies, status, WHMCS's replies.reply[] shape ----

/** Keliweb's clock: WHMCS writes local time without a zone; config clock_offset_minutes shifts it from UTC. */
function keliweb_now(?array $state = null): string
{
    $offset = (int)(($state ?? with_state(fn (array &$s) => $s))['config']['clock_offset_minutes'] ?? 0);
    return gmdate('Y-m-d H:i:s', time() + 60 * $offset);
}

/** As WHMCS's GetTicket lists it: the opening message (replyid 0), then every reply by id, customer's and staff's. */
function sync_conversation(array $state, array $ticket): array
{
    $entry = fn (int $id, string $admin, string $name, string $email, string $message, array $files, string $date) => [
        'replyid' => (string)$id,
        'userid' => (string)($ticket['clientid'] ?? 0),
        'contactid' => (string)($ticket['contactid'] ?? 0),
        'name' => $name,
        'email' => $email,
        'requestor_name' => $name,
        'requestor_email' => $email,
        'requestor_type' => $admin === '' ? 'Owner' : 'Operator',
        'date' => $date,
        'message' => $message,
        // WHMCS keeps stored names with a 6-digit prefix, joined by "|"; newer versions list them too.
        'attachment' => implode('|', array_map(fn ($n) => random_int(100000, 999999) . '_' . $n, $files)),
        'attachments' => array_map(fn ($n, $i) => ['filename' => $n, 'index' => $i], $files, array_keys($files)),
        'attachments_removed' => false,
        'admin' => $admin,
        'rating' => '0',
    ];
    $names = fn (array $attachments) => array_map(fn ($a) => $a['name'], $attachments);
    $all = [[0, $entry(0, '', (string)($ticket['name'] ?? ''), (string)($ticket['email'] ?? ''), $ticket['message'], $names($ticket['attachments'] ?? []), $ticket['date'] ?? keliweb_now($state))]];
    foreach ($state['replies'] as $r) {
        if ($r['ticketid'] === $ticket['id']) {
            $all[] = [$r['id'], $entry($r['id'], '', (string)($r['name'] ?? ''), (string)($r['email'] ?? ''), $r['message'], $names($r['attachments'] ?? []), $r['date'] ?? keliweb_now($state))];
        }
    }
    foreach ($state['staff_replies'] ?? [] as $r) {
        if ($r['ticketid'] === $ticket['id']) {
            $all[] = [$r['id'], $entry($r['id'], $r['admin'], $r['admin'], 'support@keliweb.example', $r['message'], $r['attachments'], $r['date'])];
        }
    }
    usort($all, fn ($a, $b) => $a[0] <=> $b[0]);
    return array_map(fn ($pair) => $pair[1], $all);
}

/** WHMCS: a customer's reply makes the ticket Customer-Reply and moves lastreply. */
function sync_customer_replied(array &$s, int $ticketId): void
{
    foreach ($s['tickets'] as $i => $t) {
        if ($t['id'] === $ticketId) {
            $s['tickets'][$i]['status'] = 'Customer-Reply';
            $s['tickets'][$i]['lastreply'] = keliweb_now($s);
        }
    }
}

/** Control: a staff member answers (the ticket becomes Answered), or changes the status. */
function sync_control(string $action, array $input): ?array
{
    return with_state(function (array &$s) use ($action, $input) {
        $index = null;
        foreach ($s['tickets'] as $i => $t) {
            if ($t['id'] === (int)($input['ticketid'] ?? 0)) {
                $index = $i;
            }
        }
        if ($index === null) {
            return null;
        }
        if ($action === 'set-status') {
            $s['tickets'][$index]['status'] = (string)$input['status'];
            return ['ok' => true];
        }
        $id = $s['next_reply_id']++;
        $s['staff_replies'][] = [
            'id' => $id,
            'ticketid' => (int)$input['ticketid'],
            'admin' => (string)($input['admin'] ?? 'Support'),
            'message' => (string)($input['message'] ?? ''),
            'attachments' => array_values(array_map('strval', $input['attachments'] ?? [])),
            'date' => keliweb_now($s),
        ];
        $s['tickets'][$index]['status'] = (string)($input['status'] ?? 'Answered');
        $s['tickets'][$index]['lastreply'] = keliweb_now($s);
        return ['ok' => true, 'replyid' => $id];
    });
}

/**
 * The services of the client the request names (clientid, for an account that serves several, as a reseller's does)
 * or else of the token owner, as /__control/products set them; null when the test never said.
 */
function owner_products(?string $owner): ?array
{
    $client = int_or_null('clientid');
    return with_state(fn (array &$s) => $owner === null ? null
        : ($client !== null && isset($s['products'][$owner . '#' . $client]) ? $s['products'][$owner . '#' . $client] : ($s['products'][$owner] ?? null)));
}

/** WHMCS looks serviceid up in the client's tblhosting: for an owner whose services are known, an unknown one is refused. */
function service_check(?string $owner): ?array
{
    $serviceId = int_or_null('serviceid');
    $known = owner_products($owner);
    if ($serviceId === null || $known === null) {
        return null;
    }
    foreach ($known['products'] as $product) {
        if ((int)$product['id'] === $serviceId) {
            return null;
        }
    }
    return whmcs_error('Service ID Not Found');
}

/** A product as WHMCS's GetClientsProducts writes it, the fields the bot must never keep (username, password) included. */
function whmcs_product(array $product): array
{
    $id = (string)$product['id'];
    return [
        'id' => $id, 'qty' => '1', 'clientid' => '7', 'orderid' => $id, 'pid' => '1', 'regdate' => '2024-01-01',
        'name' => $product['name'] ?? 'Product ' . $id, 'translated_name' => $product['name'] ?? 'Product ' . $id,
        'groupname' => $product['groupname'] ?? 'Hosting', 'translated_groupname' => $product['groupname'] ?? 'Hosting',
        'domain' => $product['domain'] ?? '', 'dedicatedip' => '', 'serverid' => '1', 'servername' => 'Saturn',
        'serverip' => '1.2.3.4', 'serverhostname' => 'saturn.example.com', 'suspensionreason' => '',
        'firstpaymentamount' => '12.95', 'recurringamount' => '12.95', 'paymentmethod' => 'paypal',
        'paymentmethodname' => 'PayPal', 'billingcycle' => 'Monthly', 'nextduedate' => '2027-01-01',
        'status' => $product['status'] ?? 'Active', 'username' => 'svc' . $id, 'password' => 'secret-service-password-' . $id,
        'subscriptionid' => '', 'promoid' => '0', 'notes' => '', 'lastupdate' => '0000-00-00 00:00:00',
        'customfields' => ['customfield' => []], 'configoptions' => ['configoption' => []],
    ];
}

function get_clients_products(string $token): array
{
    $owner = with_state(fn (array &$s) => $s['access_tokens'][$token]['email'] ?? null);
    $start = max(0, (int)($_POST['limitstart'] ?? 0));
    $num = isset($_POST['limitnum']) ? max(1, (int)$_POST['limitnum']) : 25;
    with_state(function (array &$s) use ($owner, $start, $num) {
        $s['products_requests'][] = ['owner' => $owner, 'clientid' => int_or_null('clientid'), 'limitstart' => $start, 'limitnum' => $num];
    });
    $known = owner_products($owner) ?? ['products' => [], 'shape' => 'empty-string'];
    if (($known['shape'] ?? '') === 'raw') {
        return ['status' => 200, 'body' => (string)$known['raw']];
    }
    $all = array_map('whmcs_product', $known['products']);
    $page = array_slice($all, $start, $num);
    $products = match (true) {
        count($page) === 0 && ($known['shape'] ?? 'nested') !== 'array' => '',
        ($known['shape'] ?? 'nested') === 'array' => $page,
        default => ['product' => $page],
    };
    return ['status' => 200, 'body' => [
        'result' => 'success', 'clientid' => '7', 'serviceid' => null, 'pid' => null, 'domain' => null,
        'totalresults' => (string)count($all), 'startnumber' => $start, 'numreturned' => count($page), 'products' => $products,
    ]];
}

function oauth_token(): array
{
    $grant = (string)($_POST['grant_type'] ?? '');
    $record = ['grant_type' => $grant, 'username' => $_POST['username'] ?? null, 'granted' => false, 'error' => null, 'at' => microtime(true)];
    return with_state(function (array &$s) use ($grant, $record) {
        $refuse = function (int $status, string $error, string $description) use (&$s, $record) {
            $record['error'] = $error;
            $s['token_requests'][] = $record;
            return ['status' => $status, 'body' => ['error' => $error, 'error_description' => $description, 'message' => $description]];
        };
        if (($_POST['client_id'] ?? '') !== CLIENT_ID || ($_POST['client_secret'] ?? '') !== CLIENT_SECRET) {
            return $refuse(401, 'invalid_client', 'Client authentication failed');
        }
        if ($grant === 'password') {
            $email = (string)($_POST['username'] ?? '');
            if ($email === '' || ($_POST['password'] ?? '') !== USER_PASSWORD) {
                return $refuse(400, 'invalid_grant', 'The user credentials were incorrect.');
            }
        } elseif ($grant === 'refresh_token') {
            $old = (string)($_POST['refresh_token'] ?? '');
            if (!isset($s['refresh_tokens'][$old]) || !$s['refresh_tokens'][$old]['valid']) {
                return $refuse(400, 'invalid_grant', 'The refresh token is invalid.');
            }
            $s['refresh_tokens'][$old]['valid'] = false;
            $email = $s['refresh_tokens'][$old]['email'];
            $record['username'] = $email;
        } else {
            return $refuse(400, 'unsupported_grant_type', 'The authorization grant type is not supported.');
        }
        $lifetime = (int)$s['config']['access_token_lifetime'];
        $access = 'at_' . bin2hex(random_bytes(16));
        $refresh = 'rt_' . bin2hex(random_bytes(24));
        $s['access_tokens'][$access] = ['email' => $email, 'expires_at' => microtime(true) + $lifetime];
        $s['refresh_tokens'][$refresh] = ['email' => $email, 'valid' => true];
        $record['granted'] = true;
        $record['access_token'] = $access;
        $record['refresh_token'] = $refresh;
        $s['token_requests'][] = $record;
        return ['status' => 200, 'body' => ['token_type' => 'Bearer', 'expires_in' => $lifetime, 'access_token' => $access, 'refresh_token' => $refresh]];
    });
}

function authorized(): ?string
{
    $token = bearer();
    if ($token === null) {
        return null;
    }
    $known = with_state(fn (array &$s) => $s['access_tokens'][$token] ?? null);
    return $known !== null && $known['expires_at'] > microtime(true) ? $token : null;
}

function control(string $action): void
{
    $input = json_decode(file_get_contents('php://input') ?: '{}', true) ?? [];
    switch ($action) {
        case 'state':
            answer(200, with_maps_as_objects(with_state(fn (array &$s) => $s)));
            return;
        case 'reset':
            with_state(function (array &$s) {
                $s = initial_state();
            });
            break;
        case 'config':
            with_state(function (array &$s) use ($input) {
                $s['config'] = array_merge($s['config'], $input);
            });
            break;
        case 'fault':
            with_state(function (array &$s) use ($input) {
                $s['faults'][$input['method']][] = $input + ['count' => 1];
            });
            break;
        case 'products':
            with_state(function (array &$s) use ($input) {
                $key = (string)$input['email'] . (isset($input['clientid']) ? '#' . (int)$input['clientid'] : '');
                $s['products'][$key] = ['products' => $input['products'] ?? [], 'shape' => $input['shape'] ?? 'nested', 'raw' => $input['raw'] ?? ''];
            });
            break;
        case 'clear-faults':
            with_state(function (array &$s) {
                $s['faults'] = [];
            });
            break;
        case 'expire-access-tokens':
            with_state(function (array &$s) {
                foreach ($s['access_tokens'] as $token => $info) {
                    $s['access_tokens'][$token]['expires_at'] = 0;
                }
            });
            break;
        case 'staff-reply':
        case 'set-status':
            $done = sync_control($action, $input);
            answer($done === null ? 404 : 200, $done ?? ['error' => 'no such ticket']);
            return;
        case 'revoke-refresh-tokens':
            with_state(function (array &$s) {
                foreach ($s['refresh_tokens'] as $token => $info) {
                    $s['refresh_tokens'][$token]['valid'] = false;
                }
            });
            break;
        default:
            answer(404, ['error' => 'unknown control action']);
            return;
    }
    answer(200, ['ok' => true]);
}

/**
 * An answer far larger than any real one, framed as chunked transfer by hand (PHP's server sends neither a length nor
 * chunks of its own): what a broken proxy or a hostile upstream can do. Stops once the client has hung up.
 */
function flood(int $status, int $bytes, int $chunkDelayMs): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    header('Transfer-Encoding: chunked');
    ignore_user_abort(false);
    $chunk = function (string $data): bool {
        echo dechex(strlen($data)), "\r\n", $data, "\r\n";
        flush();
        return connection_status() === CONNECTION_NORMAL;
    };
    $prefix = '{"result":"success","padding":"';
    $chunk($prefix);
    $sent = strlen($prefix);
    $block = str_repeat('a', 1024 * 1024);
    while ($sent < $bytes) {
        $part = $bytes - $sent >= strlen($block) ? $block : substr($block, 0, $bytes - $sent);
        if (!$chunk($part)) {
            return;
        }
        $sent += strlen($part);
        if ($chunkDelayMs > 0) {
            usleep($chunkDelayMs * 1000);
        }
    }
    $chunk('"}');
    echo "0\r\n\r\n";
}

/** Counts the call and takes the next scripted fault for this method, if any. */
function take_fault(string $method): ?array
{
    return with_state(function (array &$s) use ($method) {
        $s['calls'][$method] = ($s['calls'][$method] ?? 0) + 1;
        if (empty($s['faults'][$method])) {
            return null;
        }
        $fault = $s['faults'][$method][0];
        if (--$s['faults'][$method][0]['count'] <= 0) {
            array_shift($s['faults'][$method]);
        }
        return $fault;
    });
}

function handle(string $method, callable $work): void
{
    $fault = take_fault($method);
    if ($fault === null) {
        $result = $work();
        answer($result['status'], $result['body'], $result['headers'] ?? []);
        return;
    }
    $processFirst = !empty($fault['process_first']);
    $scripted = isset($fault['status']) || !empty($fault['close']);
    $result = $processFirst ? $work() : null;
    if (!empty($fault['delay_seconds'])) {
        usleep((int)($fault['delay_seconds'] * 1000000));
    }
    if (!empty($fault['flood_bytes'])) {
        flood((int)($fault['status'] ?? 200), (int)$fault['flood_bytes'], (int)($fault['flood_chunk_delay_ms'] ?? 0));
        return;
    }
    if (!empty($fault['close'])) {
        // Ends this server process without a byte of answer: the client sees the connection close. It may be the
        // master (it serves requests too); the others keep serving on the shared socket either way.
        posix_kill(getmypid(), SIGKILL);
    }
    if (isset($fault['status'])) {
        // body_base64: bytes a JSON string cannot carry (invalid UTF-8), for the fuzz suite.
        $body = isset($fault['body_base64']) ? base64_decode($fault['body_base64']) : (string)($fault['body'] ?? '');
        answer((int)$fault['status'], $body, $fault['headers'] ?? []);
        return;
    }
    // Only a delay was scripted: the normal answer, late.
    $result ??= $scripted ? null : $work();
    answer($result['status'], $result['body'], $result['headers'] ?? []);
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (str_starts_with($path, '/__control/')) {
    control(substr($path, strlen('/__control/')));
    return true;
}
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    answer(405, ['message' => 'Method not allowed']);
    return true;
}
if ($path === '/oauth/token') {
    handle('oauth/token', 'oauth_token');
    return true;
}
$methods = ['open-ticket' => 'open_ticket', 'add-ticket-reply' => 'add_ticket_reply', 'get-ticket' => 'get_ticket',
    'get-clients-products' => 'get_clients_products'];
if (preg_match('#^/api/v2/keliweb/([a-z-]+)$#', $path, $m) && isset($methods[$m[1]])) {
    $method = $m[1];
    handle($method, function () use ($method, $methods) {
        $token = authorized();
        if ($token === null) {
            return ['status' => 401, 'body' => ['message' => 'Unauthenticated.']];
        }
        return $methods[$method]($token);
    });
    return true;
}
answer(404, ['message' => 'Not found']);
return true;
