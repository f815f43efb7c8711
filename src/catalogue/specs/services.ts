// Family: services — the command lines of hosted and self-run services: message brokers, search,
// messaging (SMS, calls), payments, feature flags, incident paging, monitoring and tunnels. Reading
// (listing topics, tailing logs, consuming with a group that keeps its place) stays allowed;
// deleting topics, queues or indexes destroys; producing messages, sending SMS, charging cards and
// paging people cannot be taken back (publish); users, ACLs and tunnels change access (privilege).
// HTTP APIs reached with curl (Elasticsearch, OpenSearch) are judged by the network family.
import type { CommandSpec, Effect, OptionDecl, ProgramSpec } from '../spec.js';
import { aka, COMMAND, destroys, flag, harmless, reads, valued, verb, when, writes } from './builders.js';

const optionVerb = (names: string[], effect: Effect, why: string): OptionDecl => ({ names, verb: { effect, why } });

// ===== Messaging: Kafka, NATS, RabbitMQ, MQTT, Pulsar =====

/** Kafka's tools ship as `kafka-topics.sh` (Apache) and `kafka-topics` (Confluent); joptsimple takes unique abbreviations. */
const kafka = (base: string, summary: string, spec: Omit<ProgramSpec, 'names' | 'family' | 'summary'>): ProgramSpec => ({
  names: [base, `${base}.sh`],
  family: 'services',
  summary,
  prefixes: true,
  ...spec,
  options: [
    valued('--bootstrap-server'),
    valued('--command-config'),
    valued('--zookeeper'),
    harmless('--help'),
    harmless('--version'),
    ...(spec.options ?? []),
  ],
});

const KAFKA: ProgramSpec[] = [
  kafka('kafka-topics', 'Kafka: creates, changes, lists and deletes topics', {
    options: [
      optionVerb(['--create'], 'write', 'creates a topic'),
      optionVerb(['--alter'], 'write', 'changes a topic'),
      optionVerb(['--delete'], 'destroy', 'deletes topics with their messages'),
      flag('--list'),
      flag('--describe'),
      flag('--if-exists'),
      flag('--if-not-exists'),
      flag('--exclude-internal'),
      flag('--under-replicated-partitions'),
      flag('--unavailable-partitions'),
      valued('--topic'),
      valued('--topic-id'),
      valued('--partitions'),
      valued('--replication-factor'),
      valued('--replica-assignment'),
      valued('--config'),
      valued('--delete-config'),
    ],
    examples: {
      block: [
        'kafka-topics --bootstrap-server localhost:9092 --delete --topic orders',
        "kafka-topics.sh --bootstrap-server b:9092 --delete --topic 'orders.*'",
      ],
      allow: [
        'kafka-topics --bootstrap-server localhost:9092 --list',
        'kafka-topics.sh --bootstrap-server b:9092 --describe --topic orders',
        'kafka-topics --bootstrap-server b:9092 --create --topic t --partitions 3',
      ],
    },
  }),
  kafka('kafka-consumer-groups', 'Kafka: lists, describes, resets and deletes consumer groups', {
    options: [
      optionVerb(['--delete'], 'destroy', 'deletes consumer groups and their offsets'),
      optionVerb(['--delete-offsets'], 'destroy', "deletes a group's committed offsets"),
      flag('--reset-offsets'),
      flag('--execute'),
      harmless('--dry-run'),
      flag('--list'),
      flag('--describe'),
      flag('--members'),
      flag('--offsets'),
      flag('--state'),
      flag('--verbose'),
      flag('--all-groups'),
      flag('--all-topics'),
      flag('--export'),
      flag('--to-earliest'),
      flag('--to-latest'),
      flag('--to-current'),
      valued('--group'),
      valued('--topic'),
      valued('--to-offset'),
      valued('--shift-by'),
      valued('--to-datetime'),
      valued('--by-duration'),
      valued('--from-file'),
      valued('--timeout'),
    ],
    when: [
      when('destroy', 'moves committed offsets: consumers skip or re-read messages', [{ name: '--reset-offsets' }, { name: '--execute' }]),
    ],
    examples: {
      block: [
        'kafka-consumer-groups --bootstrap-server b:9092 --group billing --reset-offsets --to-latest --topic orders --execute',
        'kafka-consumer-groups.sh --bootstrap-server b:9092 --delete --group old',
      ],
      allow: [
        'kafka-consumer-groups --bootstrap-server b:9092 --list',
        'kafka-consumer-groups --bootstrap-server b:9092 --describe --group billing',
        'kafka-consumer-groups --bootstrap-server b:9092 --group billing --reset-offsets --to-latest --topic orders',
      ],
    },
  }),
  kafka('kafka-console-producer', 'Kafka: sends the lines of its input as messages to a topic', {
    ...verb('publish', 'sends messages to a topic, where consumers act on them'),
    options: [
      valued('--broker-list'),
      valued('--topic'),
      valued('--producer.config'),
      valued('--producer-property'),
      valued('--property'),
      valued('--reader-config'),
      valued('--compression-codec'),
      valued('--batch-size'),
      valued('--timeout'),
      valued('--request-required-acks'),
      valued('--line-reader'),
      valued('--max-block-ms'),
      flag('--sync'),
    ],
    examples: {
      block: [
        'kafka-console-producer --bootstrap-server b:9092 --topic orders < events.jsonl',
        'echo "{}" | kafka-console-producer.sh --bootstrap-server b:9092 --topic payments',
      ],
      allow: ['kafka-console-producer --help', 'kafka-topics --bootstrap-server b:9092 --list'],
    },
  }),
  kafka('kafka-configs', 'Kafka: describes and changes topic, broker, client and user settings', {
    options: [
      optionVerb(['--alter'], 'write', 'changes settings'),
      flag('--describe'),
      flag('--all'),
      flag('--entity-default'),
      valued('--entity-type'),
      valued('--entity-name'),
      valued('--add-config'),
      valued('--add-config-file'),
      valued('--delete-config'),
      valued('--user'),
      valued('--client'),
      valued('--topic'),
      valued('--broker'),
      valued('--broker-logger'),
      valued('--ip'),
    ],
    when: [
      when('privilege', "changes a user's credentials or quotas", [{ name: '--alter' }, { name: '--entity-type', value: '^users$' }]),
      when('privilege', "changes a user's credentials or quotas", [{ name: '--alter' }, { name: '--user' }]),
    ],
    examples: {
      block: [
        "kafka-configs --bootstrap-server b:9092 --alter --add-config 'SCRAM-SHA-256=[iterations=8192,password=x]' --entity-type users --entity-name bob",
      ],
      allow: [
        'kafka-configs --bootstrap-server b:9092 --describe --entity-type topics --entity-name orders',
        'kafka-configs --bootstrap-server b:9092 --alter --entity-type topics --entity-name orders --add-config retention.ms=86400000',
      ],
    },
  }),
  kafka('kafka-acls', 'Kafka: lists, adds and removes access control lists', {
    options: [
      optionVerb(['--add'], 'privilege', 'grants access to topics, groups or the cluster'),
      optionVerb(['--remove'], 'privilege', 'removes access'),
      flag('--list'),
      flag('--force'),
      flag('--cluster'),
      flag('--producer'),
      flag('--consumer'),
      flag('--idempotent'),
      valued('--authorizer-properties'),
      valued('--allow-principal'),
      valued('--deny-principal'),
      valued('--allow-host'),
      valued('--deny-host'),
      valued('--operation'),
      valued('--topic'),
      valued('--group'),
      valued('--transactional-id'),
      valued('--resource-pattern-type'),
      valued('--principal'),
      valued('--delegation-token'),
      valued('--user-principal'),
    ],
    examples: {
      block: ["kafka-acls --bootstrap-server b:9092 --add --allow-principal 'User:*' --operation All --topic '*'"],
      allow: ['kafka-acls --bootstrap-server b:9092 --list', 'kafka-acls --bootstrap-server b:9092 --list --topic orders'],
    },
  }),
  kafka('kafka-delete-records', 'Kafka: deletes records before an offset', {
    ...destroys('deletes messages from partitions'),
    options: [valued('--offset-json-file')],
    examples: {
      block: ['kafka-delete-records --bootstrap-server b:9092 --offset-json-file offsets.json'],
      allow: ['kafka-delete-records --help', 'kafka-topics --bootstrap-server b:9092 --describe --topic orders'],
    },
  }),
];

const KCAT: ProgramSpec = {
  names: ['kcat', 'kafkacat'],
  family: 'services',
  summary: 'kcat: produces, consumes and lists Kafka topics',
  options: [
    optionVerb(['-P'], 'publish', 'sends messages to a topic, where consumers act on them'),
    flag('-C'),
    flag('-L'),
    flag('-Q'),
    valued('-G'),
    valued('-b'),
    valued('-t'),
    valued('-p'),
    valued('-o'),
    valued('-K'),
    valued('-X'),
    valued('-F'),
    valued('-f'),
    valued('-c'),
    valued('-D'),
    valued('-k'),
    valued('-H'),
    valued('-s'),
    valued('-r'),
    valued('-d'),
    valued('-m'),
    valued('-z'),
    flag('-l'),
    flag('-e'),
    flag('-E'),
    flag('-q'),
    flag('-v'),
    flag('-J'),
    flag('-T'),
    flag('-u'),
    flag('-Z'),
    harmless('-V'),
    harmless('-h'),
  ],
  examples: {
    block: ['kcat -b kafka:9092 -t orders -P -l orders.jsonl', 'echo "{}" | kafkacat -P -b kafka:9092 -t payments'],
    allow: ['kcat -b kafka:9092 -L', 'kcat -b kafka:9092 -t orders -C -c 10 -e', 'kcat -b kafka:9092 -G grp orders'],
  },
};

const NATS: ProgramSpec = {
  names: ['nats'],
  family: 'services',
  summary: 'NATS CLI: messages, JetStream streams and consumers, key-value and object stores',
  options: [
    valued('-s', '--server'),
    valued('--user'),
    valued('--password'),
    valued('--creds'),
    valued('--nkey'),
    valued('--tlscert'),
    valued('--tlskey'),
    valued('--tlsca'),
    valued('--context'),
    valued('--timeout'),
    valued('--js-domain'),
    valued('--js-api-prefix'),
    valued('--inbox-prefix'),
    valued('--connection-name'),
    valued('--socks-proxy'),
    valued('--colors'),
    flag('--trace'),
    flag('--no-context'),
    flag('-f', '--force'),
    flag('-j', '--json'),
    harmless('-h', '--help'),
    harmless('--version'),
  ],
  subcommands: {
    ...aka(['pub', 'publish'], verb('publish', 'sends a message to a subject, where subscribers act on it')),
    ...aka(['request', 'req'], writes('sends a request to a service and prints the reply')),
    ...aka(['sub', 'subscribe'], reads('prints messages on a subject')),
    reply: writes('answers requests on a subject'),
    bench: writes('sends benchmark traffic'),
    stream: {
      subcommands: {
        ...aka(['ls', 'list', 'info', 'report', 'view', 'get', 'find', 'subjects', 'state'], reads('shows streams and their messages')),
        ...aka(
          ['add', 'create', 'new', 'edit', 'update', 'copy', 'cp', 'backup', 'restore', 'cluster'],
          writes('creates or changes a stream'),
        ),
        ...aka(['rm', 'delete', 'del'], destroys('deletes a stream with its messages')),
        purge: destroys('deletes every message in a stream'),
        rmm: destroys('deletes a message from a stream'),
        seal: writes('seals a stream: no more changes'),
      },
    },
    consumer: {
      subcommands: {
        ...aka(['ls', 'list', 'info', 'report', 'graph'], reads('shows consumers')),
        ...aka(['next', 'sub'], writes('takes messages from a consumer, acknowledging them')),
        ...aka(['rm', 'delete', 'del'], writes('deletes a consumer and its position')),
        '*': writes('creates or changes a consumer'),
      },
    },
    kv: {
      subcommands: {
        ...aka(['get', 'ls', 'list', 'history', 'status', 'info', 'watch', 'keys'], reads('reads a key-value bucket')),
        ...aka(['put', 'create', 'update', 'add', 'edit', 'revert', 'compact'], writes('writes a key-value bucket')),
        ...aka(['del', 'rm', 'delete'], destroys('deletes a key or a whole bucket')),
        purge: destroys('deletes a key with its history'),
      },
    },
    obj: {
      subcommands: {
        ...aka(['get', 'ls', 'list', 'info', 'watch'], reads('reads an object store')),
        ...aka(['put', 'add', 'seal'], writes('writes an object store')),
        ...aka(['del', 'rm', 'delete'], destroys('deletes an object or a whole store')),
      },
    },
    context: { subcommands: { ...aka(['ls', 'list', 'info', 'show'], reads('shows contexts')), '*': writes('changes contexts') } },
    ...aka(
      ['account', 'server', 'schema', 'micro', 'trace', 'rtt', 'latency', 'events', 'errors', 'cheat', 'completion'],
      reads('shows server and account state'),
    ),
  },
  examples: {
    block: ['nats stream rm ORDERS -f', 'nats pub orders.created \'{"id":1}\'', 'nats stream purge ORDERS', 'nats kv del config'],
    allow: ['nats stream ls', "nats sub 'orders.>'", 'nats kv get config feature', 'nats stream info ORDERS'],
  },
};

const RABBITMQCTL: ProgramSpec = {
  names: ['rabbitmqctl'],
  family: 'services',
  summary: 'RabbitMQ node control: queues, users, permissions, vhosts and cluster membership',
  options: [
    valued('-n', '--node'),
    valued('-t', '--timeout'),
    valued('-p', '--vhost'),
    valued('--erlang-cookie'),
    valued('--formatter'),
    flag('-q', '--quiet'),
    flag('-s', '--silent'),
    flag('-l', '--longnames'),
    harmless('--help'),
    harmless('--version'),
  ],
  subcommands: {
    'list_*': reads('lists queues, users, connections or settings'),
    ...aka(
      ['status', 'cluster_status', 'environment', 'report', 'node_health_check', 'authenticate_user', 'await_startup', 'version', 'help'],
      reads("shows the node's state"),
    ),
    ...aka(['delete_queue', 'purge_queue'], destroys("deletes a queue's messages (and the queue)")),
    ...aka(['reset', 'force_reset'], destroys('wipes the node: queues, users, vhosts and messages')),
    delete_vhost: destroys('deletes a virtual host with everything in it'),
    delete_user: destroys('deletes a user'),
    forget_cluster_node: destroys('removes a node from the cluster'),
    ...aka(
      [
        'add_user',
        'change_password',
        'clear_password',
        'set_user_tags',
        'set_permissions',
        'clear_permissions',
        'set_topic_permissions',
        'clear_topic_permissions',
        'import_definitions',
        'set_user_limits',
        'clear_user_limits',
      ],
      verb('privilege', 'changes users, their passwords, tags or permissions'),
    ),
    export_definitions: verb('credential', 'exports users with their password hashes'),
    decode: verb('credential', 'decrypts an encrypted setting'),
    eval: { ...verb('privilege', 'runs Erlang code on the node'), operands: [{ kind: 'code', language: 'erlang' }] },
    '*': writes('changes the node, its policies or parameters'),
  },
  examples: {
    block: [
      'rabbitmqctl delete_queue orders',
      'rabbitmqctl purge_queue -p prod orders',
      'rabbitmqctl reset',
      'rabbitmqctl set_user_tags bob administrator',
      'rabbitmqctl set_permissions -p / bob ".*" ".*" ".*"',
      'rabbitmqctl eval \'os:cmd("id").\'',
    ],
    allow: ['rabbitmqctl list_queues name messages', 'rabbitmqctl status', 'rabbitmqctl cluster_status', 'rabbitmqctl list_users'],
  },
};

const RABBITMQADMIN: ProgramSpec = {
  names: ['rabbitmqadmin'],
  family: 'services',
  summary: 'RabbitMQ management API from the command line',
  options: [
    valued('-H', '--host'),
    valued('-P', '--port'),
    valued('-V', '--vhost'),
    valued('-u', '--username'),
    valued('-p', '--password'),
    valued('-U', '--base-uri'),
    valued('-c', '--config'),
    valued('-N', '--node'),
    valued('-f', '--format'),
    valued('-d', '--depth'),
    valued('-S', '--sort'),
    valued('--ssl-key-file'),
    valued('--ssl-cert-file'),
    valued('--ssl-ca-cert-file'),
    flag('-s', '--ssl'),
    flag('-q', '--quiet'),
    flag('-R', '--sort-reverse'),
    harmless('--help'),
    harmless('--version'),
  ],
  subcommands: {
    ...aka(['list', 'show', 'help'], reads('lists or shows broker objects')),
    get: {
      ...reads('peeks at messages (requeued)'),
      when: [when('write', 'takes messages off the queue', undefined, '^ackmode=(ack_requeue_false|reject_requeue_false)$')],
    },
    declare: {
      ...writes('creates an exchange, queue, binding, vhost or policy'),
      when: [when('privilege', 'creates a user or grants permissions', undefined, '^(user|users|permission|permissions)$')],
    },
    delete: destroys('deletes a queue, exchange, vhost or user'),
    purge: destroys('deletes every message in a queue'),
    close: writes('closes a connection'),
    publish: verb('publish', 'sends a message that consumers act on'),
    export: verb('credential', 'exports definitions with password hashes'),
    import: verb('privilege', 'imports users, permissions and definitions'),
    definitions: {
      subcommands: {
        export: verb('credential', 'exports definitions with password hashes'),
        import: verb('privilege', 'imports users, permissions and definitions'),
      },
    },
  },
  examples: {
    block: [
      'rabbitmqadmin delete queue name=orders',
      'rabbitmqadmin purge queue name=orders',
      'rabbitmqadmin publish exchange=amq.default routing_key=orders payload="{}"',
      'rabbitmqadmin declare user name=eve password=x tags=administrator',
    ],
    allow: ['rabbitmqadmin list queues', 'rabbitmqadmin show overview', 'rabbitmqadmin declare queue name=jobs durable=true'],
  },
};

const MQTT_CONNECTION: OptionDecl[] = [
  valued('-h', '--host'),
  valued('-p', '--port'),
  valued('-t', '--topic'),
  valued('-u', '--username'),
  valued('-P', '--pw'),
  valued('-i', '--id'),
  valued('-I', '--id-prefix'),
  valued('-k', '--keepalive'),
  valued('-q', '--qos'),
  valued('-V', '--protocol-version'),
  valued('-A'),
  valued('-L', '--url'),
  valued('-x', '--session-expiry-interval'),
  { names: ['-D', '--property'], value: 'required', words: 3 },
  valued('--cafile'),
  valued('--capath'),
  valued('--cert'),
  valued('--key'),
  valued('--tls-version'),
  valued('--psk'),
  valued('--psk-identity'),
  valued('--will-topic'),
  valued('--will-payload'),
  valued('--will-qos'),
  valued('--proxy'),
  valued('--unix'),
  valued('--ciphers'),
  valued('--keyform'),
  flag('--will-retain'),
  flag('--insecure'),
  flag('-d', '--debug'),
  flag('-c', '--disable-clean-session'),
  flag('--quiet'),
  harmless('--help'),
];

const MOSQUITTO_PUB: ProgramSpec = {
  names: ['mosquitto_pub'],
  family: 'services',
  summary: 'Mosquitto: publishes an MQTT message',
  ...verb('publish', 'sends an MQTT message that devices and services act on'),
  options: [
    ...MQTT_CONNECTION,
    valued('-m', '--message'),
    valued('-f', '--file'),
    valued('--repeat'),
    valued('--repeat-delay'),
    flag('-l', '--stdin-line'),
    flag('-s', '--stdin-file'),
    flag('-n', '--null-message'),
    flag('-r', '--retain'),
  ],
  examples: {
    block: ['mosquitto_pub -h broker -t devices/door/cmd -m open', "mosquitto_pub -h broker -t 'lights/all' -r -m off"],
    allow: ['mosquitto_pub --help', 'mosquitto_sub -h broker -t devices/door/state -C 1'],
  },
};

const MOSQUITTO_SUB: ProgramSpec = {
  names: ['mosquitto_sub'],
  family: 'services',
  summary: 'Mosquitto: prints MQTT messages on topics',
  ...reads('prints messages on topics'),
  options: [
    ...MQTT_CONNECTION,
    valued('-C'),
    valued('-W'),
    valued('-T', '--filter-out'),
    valued('-U', '--unsubscribe'),
    valued('-F'),
    flag('-R'),
    flag('-N'),
    flag('-v', '--verbose'),
    flag('--pretty'),
    flag('--retained-only'),
    optionVerb(['--remove-retained'], 'destroy', 'deletes the retained messages it sees'),
  ],
  examples: {
    block: ["mosquitto_sub -h broker -t 'devices/#' --remove-retained -W 2"],
    allow: ["mosquitto_sub -h broker -t 'sensors/#' -C 10", "mosquitto_sub -h broker -t 'devices/+/state' -v"],
  },
};

/** pulsar-admin resource groups: operations named by their verb. */
const PULSAR_GROUP: CommandSpec = {
  subcommands: {
    'list*': reads('lists resources'),
    'get-*': reads('shows settings'),
    'stats*': reads('shows statistics'),
    'partitioned-stats': reads('shows statistics'),
    'internal-stats': reads('shows statistics'),
    lookup: reads('finds the serving broker'),
    'peek-messages': reads('peeks at messages'),
    'examine-message': reads('peeks at a message'),
    get: reads('shows a resource'),
    status: reads('shows status'),
    'delete*': destroys('deletes resources with their data'),
    'clear-backlog': destroys('drops unacknowledged messages'),
    'skip*': destroys('drops unacknowledged messages'),
    'expire-messages*': destroys('expires messages'),
    'terminate*': destroys('terminates a topic: no more messages'),
    truncate: destroys("deletes a topic's data"),
    'grant-*': verb('privilege', 'grants access'),
    'revoke-*': verb('privilege', 'revokes access'),
    '*': writes('creates or changes resources'),
  },
};
const PULSAR_ADMIN: ProgramSpec = {
  names: ['pulsar-admin'],
  family: 'services',
  summary: 'Apache Pulsar administration: tenants, namespaces, topics, functions and connectors',
  options: [
    valued('--admin-url'),
    valued('--auth-plugin'),
    valued('--auth-params'),
    valued('--tls-trust-cert-path'),
    flag('--tls-allow-insecure'),
    flag('--tls-enable-hostname-verification'),
    harmless('-h', '--help'),
    harmless('--version'),
  ],
  subcommands: Object.fromEntries(
    [
      'topics',
      'persistent',
      'non-persistent',
      'namespaces',
      'tenants',
      'clusters',
      'brokers',
      'schemas',
      'functions',
      'sinks',
      'sources',
      'subscriptions',
      'resourcegroups',
      'bookies',
      'ns-isolation-policy',
      'topicPolicies',
      'transactions',
      'packages',
    ].map((g) => [g, PULSAR_GROUP]),
  ),
  examples: {
    block: [
      'pulsar-admin topics delete persistent://public/default/orders',
      'pulsar-admin namespaces delete public/old',
      'pulsar-admin topics clear-backlog -s sub persistent://t/n/x',
      'pulsar-admin namespaces grant-permission t/n --role app --actions produce,consume',
    ],
    allow: [
      'pulsar-admin topics list public/default',
      'pulsar-admin topics stats persistent://public/default/orders',
      'pulsar-admin tenants list',
    ],
  },
};

const PULSAR_CLIENT: ProgramSpec = {
  names: ['pulsar-client'],
  family: 'services',
  summary: 'Apache Pulsar client: produces and consumes messages',
  options: [valued('--url'), valued('--auth-plugin'), valued('--auth-params'), harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    produce: verb('publish', 'sends messages that consumers act on'),
    consume: writes('takes messages, acknowledging them'),
    read: reads('reads messages without a subscription'),
  },
  examples: {
    block: ['pulsar-client produce persistent://public/default/orders -m "{}" -n 1'],
    allow: ['pulsar-client read persistent://public/default/orders -n 5', 'pulsar-client --help'],
  },
};

// ===== Search =====

const ALGOLIA: ProgramSpec = {
  names: ['algolia'],
  family: 'services',
  summary: 'Algolia CLI: indices, records, settings and API keys',
  options: [
    valued('-p', '--profile'),
    valued('--application-id'),
    valued('--api-key'),
    valued('--admin-api-key'),
    valued('-o', '--output'),
    harmless('-h', '--help'),
    harmless('--version'),
  ],
  subcommands: {
    indices: {
      subcommands: {
        ...aka(['list', 'config', 'analyze'], reads('lists indices')),
        delete: destroys('deletes indices with their records'),
        clear: destroys('deletes every record of an index'),
        copy: writes('copies an index'),
        move: destroys('replaces the destination index with the source'),
      },
    },
    objects: {
      subcommands: {
        browse: reads('prints records'),
        delete: destroys('deletes records'),
        ...aka(['import', 'update', 'operations'], writes('adds or changes records')),
      },
    },
    search: reads('searches an index'),
    settings: { subcommands: { get: reads('prints index settings'), ...aka(['set', 'import'], writes('changes index settings')) } },
    rules: { subcommands: { browse: reads('prints rules'), ...aka(['delete', 'import'], writes('changes rules')) } },
    synonyms: { subcommands: { browse: reads('prints synonyms'), ...aka(['delete', 'import', 'save'], writes('changes synonyms')) } },
    apikeys: {
      subcommands: {
        ...aka(['list', 'get'], verb('credential', 'prints API keys')),
        create: verb('credential', 'creates an API key and prints it'),
        delete: writes('deletes an API key'),
      },
    },
    dictionary: {
      subcommands: {
        entries: {
          subcommands: {
            browse: reads('prints dictionary entries'),
            clear: destroys('deletes every dictionary entry'),
            '*': writes('changes dictionary entries'),
          },
        },
        settings: { subcommands: { get: reads('prints settings'), set: writes('changes settings') } },
      },
    },
    profile: { subcommands: { list: reads('lists profiles'), '*': writes('changes profiles') } },
    ...aka(['events', 'open', 'describe', 'crawler'], reads('shows Algolia state')),
  },
  examples: {
    block: [
      'algolia indices delete products --confirm',
      'algolia indices clear products --confirm',
      'algolia objects delete products --object-ids 1,2',
      'algolia apikeys list',
    ],
    allow: ['algolia indices list', 'algolia search products --query shoe', 'algolia settings get products'],
  },
};

// ===== SMS and calls, payments =====

const TWILIO: ProgramSpec = {
  names: ['twilio'],
  family: 'services',
  summary: 'Twilio CLI: messages, calls, phone numbers and the whole REST API',
  options: [
    valued('-p', '--profile'),
    valued('-o', '--output'),
    valued('-l', '--log-level'),
    valued('--properties'),
    valued('--limit'),
    valued('--to'),
    valued('--from'),
    valued('--body'),
    valued('--media-url'),
    valued('--url'),
    valued('--twiml'),
    valued('--status-callback'),
    valued('--sid'),
    flag('--silent'),
    harmless('-h', '--help'),
    harmless('--version'),
  ],
  // Commands are one word (`api:core:messages:create`); the verb is its last part.
  when: [
    when(
      'publish',
      'sends an SMS, places a call or sends a notification',
      undefined,
      '^api:.*:(messages|calls|verifications|notifications|bindings|executions|participants):create$|^phone-numbers:buy:|^email:send$',
    ),
    when('credential', 'creates an API key and prints its secret', undefined, '^api:.*:keys:create$'),
    when('destroy', 'deletes a resource (a released phone number cannot be bought back)', undefined, '^api:.*:remove$'),
    when(
      'write',
      'creates or changes a resource',
      undefined,
      '^api:.*:(create|update)$|^phone-numbers:update$|^serverless:(deploy|promote)$|^plugins:(install|remove)$|^profiles:(add|create|remove|use)$|^login$',
    ),
  ],
  examples: {
    block: [
      'twilio api:core:messages:create --from +15550001111 --to +15552223333 --body hi',
      'twilio api:core:calls:create --from +15550001111 --to +15552223333 --url https://x.io/twiml',
      'twilio api:core:incoming-phone-numbers:remove PN123',
      'twilio phone-numbers:buy:local --country-code US --area-code 415',
    ],
    allow: ['twilio api:core:messages:list --limit 5', 'twilio profiles:list', 'twilio phone-numbers:list'],
  },
};

/** What a Stripe resource command does by its operation; resources that move money override `create`. */
const STRIPE_OPERATIONS: Record<string, CommandSpec> = {
  ...aka(['list', 'retrieve', 'search', 'list_line_items', 'upcoming'], reads('reads objects')),
  ...aka(['create', 'update'], writes('creates or changes an object')),
  delete: destroys('deletes an object'),
  '*': writes('acts on an object'),
};
const stripeResource = (overrides: Record<string, CommandSpec>): CommandSpec => ({ subcommands: { ...STRIPE_OPERATIONS, ...overrides } });
const MOVES_MONEY = verb('publish', 'moves money: charges, refunds or pays out');

const STRIPE: ProgramSpec = {
  names: ['stripe'],
  family: 'services',
  summary: 'Stripe CLI: API resources, webhooks, logs and test events',
  options: [
    valued('--api-key'),
    valued('--color'),
    valued('--config'),
    valued('--device-name'),
    valued('--log-level'),
    valued('-p', '--project-name'),
    valued('-d', '--data'),
    valued('-e', '--expand'),
    valued('-i', '--idempotency'),
    valued('--stripe-account'),
    valued('--stripe-version'),
    flag('--live'),
    flag('-c', '--confirm'),
    harmless('-h', '--help'),
    harmless('--version'),
  ],
  subcommands: {
    get: reads('sends a GET request'),
    post: {
      ...writes('sends a POST request'),
      when: [
        when(
          'publish',
          'moves money: charges, refunds or pays out',
          undefined,
          '^/?v1/(charges|refunds|payouts|transfers|topups|payment_intents/[^/]+/(confirm|capture)|invoices/[^/]+/(pay|send)|subscriptions$|credit_notes$|application_fees/[^/]+/refunds)',
        ),
      ],
    },
    delete: destroys('sends a DELETE request'),
    ...aka(['listen', 'status', 'open', 'version', 'resources', 'completion', 'feedback', 'community'], reads('shows Stripe state')),
    logs: { subcommands: { tail: reads('streams API request logs') } },
    ...aka(
      ['trigger', 'login', 'logout', 'fixtures', 'serve', 'samples', 'apps', 'plugin', 'terminal', 'events'],
      writes('runs test fixtures or changes CLI setup'),
    ),
    config: {
      ...reads('shows CLI settings'),
      options: [valued('--set'), valued('--unset'), flag('--list'), flag('-e', '--edit')],
      when: [when('write', 'changes CLI settings', [{ name: '--set' }]), when('write', 'changes CLI settings', [{ name: '--unset' }])],
    },
    charges: stripeResource({ create: MOVES_MONEY, capture: MOVES_MONEY }),
    refunds: stripeResource({ create: MOVES_MONEY }),
    payouts: stripeResource({ create: MOVES_MONEY }),
    transfers: stripeResource({ create: MOVES_MONEY }),
    topups: stripeResource({ create: MOVES_MONEY }),
    credit_notes: stripeResource({ create: MOVES_MONEY }),
    subscriptions: stripeResource({ create: verb('publish', 'starts billing a customer') }),
    invoices: stripeResource({ pay: MOVES_MONEY, send_invoice: verb('publish', 'emails an invoice to the customer') }),
    payment_intents: stripeResource({
      confirm: MOVES_MONEY,
      capture: MOVES_MONEY,
      create: {
        ...writes('creates a payment intent'),
        when: [when('publish', 'charges the customer', [{ name: '--confirm', value: '^(true|.*\\$.*)$' }])],
        options: [{ names: ['--confirm'], value: 'optional' }],
      },
    }),
    webhook_endpoints: stripeResource({
      create: verb('privilege', 'sends account events to a new URL'),
      update: verb('privilege', 'changes where account events are sent'),
    }),
    '*': stripeResource({}),
  },
  examples: {
    block: [
      'stripe charges create --amount 2000 --currency usd --source tok_visa',
      'stripe refunds create --charge ch_123',
      'stripe payouts create --amount 5000 --currency usd',
      'stripe customers delete cus_123',
      'stripe post /v1/refunds -d charge=ch_123',
      'stripe delete /v1/customers/cus_123',
    ],
    allow: [
      'stripe listen --forward-to localhost:4242/webhooks',
      'stripe logs tail',
      'stripe customers list --limit 3',
      'stripe get /v1/charges',
      'stripe trigger payment_intent.succeeded',
      'stripe customers create --email a@x.io',
    ],
  },
};

// ===== Feature flags, paging, monitoring =====

const LD_GROUP = (extra: Record<string, CommandSpec> = {}): CommandSpec => ({
  subcommands: {
    ...aka(['list', 'get'], reads('shows resources')),
    delete: destroys('deletes a resource'),
    '*': writes('creates or changes a resource'),
    ...extra,
  },
});
const LDCLI: ProgramSpec = {
  names: ['ldcli'],
  family: 'services',
  summary: 'LaunchDarkly CLI: feature flags, projects, environments and members',
  options: [
    valued('--access-token'),
    valued('--base-uri'),
    valued('-o', '--output'),
    valued('--project'),
    valued('--environment'),
    valued('--flag'),
    valued('-d', '--data'),
    flag('--json'),
    flag('--analytics-opt-out'),
    harmless('-h', '--help'),
    harmless('--version'),
  ],
  subcommands: {
    flags: LD_GROUP({ ...aka(['toggle-on', 'toggle-off', 'update', 'archive'], writes('changes a flag for everyone it targets')) }),
    projects: LD_GROUP(),
    environments: LD_GROUP(),
    segments: LD_GROUP(),
    metrics: LD_GROUP(),
    members: {
      subcommands: {
        ...aka(['list', 'get'], reads('lists members')),
        '*': verb('privilege', 'invites, changes or removes account members'),
      },
    },
    teams: { subcommands: { ...aka(['list', 'get'], reads('lists teams')), '*': verb('privilege', 'changes teams and their access') } },
    'access-tokens': {
      subcommands: {
        ...aka(['list', 'get'], reads('lists access tokens')),
        create: verb('credential', 'creates an access token and prints it'),
        reset: verb('credential', 'resets an access token and prints it'),
        delete: writes('deletes an access token'),
      },
    },
    config: {
      ...reads('shows CLI settings'),
      options: [valued('--set'), valued('--unset'), flag('--list')],
      when: [when('write', 'changes CLI settings', [{ name: '--set' }]), when('write', 'changes CLI settings', [{ name: '--unset' }])],
    },
    ...aka(['login', 'setup', 'dev-server'], writes('changes CLI setup')),
  },
  examples: {
    block: [
      'ldcli flags delete --project default --flag new-checkout',
      'ldcli projects delete --project legacy',
      'ldcli members create --data \'{"email":"eve@x.io","role":"admin"}\'',
    ],
    allow: [
      'ldcli flags list --project default',
      'ldcli flags toggle-on --project default --environment test --flag beta',
      'ldcli environments get --project default --environment production',
    ],
  },
};

/** oclif CLIs take `topic command` and `topic:command`. */
const withColonForms = (groups: Record<string, Record<string, CommandSpec>>): Record<string, CommandSpec> => ({
  ...Object.fromEntries(Object.entries(groups).map(([g, subs]) => [g, { subcommands: subs }])),
  ...Object.fromEntries(
    Object.entries(groups).flatMap(([g, subs]) =>
      Object.entries(subs)
        .filter(([s]) => s !== '*')
        .map(([s, level]) => [`${g}:${s}`, level]),
    ),
  ),
});

const PD: ProgramSpec = {
  names: ['pd'],
  family: 'services',
  summary: 'PagerDuty CLI: incidents, services, users, schedules and the REST API',
  options: [valued('-p', '--profile'), valued('-b', '--useauth'), valued('-t', '--token'), harmless('-h', '--help'), harmless('--version')],
  subcommands: withColonForms({
    incident: {
      ...aka(['list', 'ls', 'open', 'log', 'analytics', 'notes'], reads('shows incidents')),
      create: verb('publish', 'opens an incident and pages the people on call'),
      '*': writes('acknowledges, resolves or reassigns incidents'),
    },
    service: { ...aka(['list', 'ls', 'open'], reads('shows services')), '*': writes('changes services') },
    user: {
      ...aka(['list', 'ls', 'get', 'log', 'oncall', 'session'], reads('shows users')),
      '*': verb('privilege', 'creates, changes or removes users'),
    },
    schedule: {
      ...aka(['list', 'ls', 'show', 'open', 'oncall', 'render'], reads('shows schedules')),
      '*': writes('changes schedules and overrides'),
    },
    ep: { ...aka(['list', 'ls', 'open', 'oncall'], reads('shows escalation policies')), '*': writes('changes escalation policies') },
    team: { ...aka(['list', 'ls', 'open'], reads('shows teams')), '*': verb('privilege', 'changes team membership') },
    rest: {
      ...aka(['get', 'fetch'], reads('reads the API')),
      ...aka(['post', 'put'], writes('changes data through the API')),
      delete: destroys('deletes through the API'),
    },
    auth: { ...aka(['list', 'get'], reads('lists stored profiles')), '*': writes('changes stored profiles') },
  }),
  examples: {
    block: ['pd incident create --service-id PABC123 --title "db down"', 'pd rest delete --endpoint /services/PABC123'],
    allow: ['pd incident list', 'pd incident ack -i Q1ABC', 'pd incident:list --me'],
  },
};

const DATADOG_CI: ProgramSpec = {
  names: ['datadog-ci'],
  family: 'services',
  summary: 'Datadog CI: uploads test results, source maps and symbols, runs synthetic tests, traces commands',
  options: [harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    trace: {
      ...writes('runs a command and reports it to Datadog'),
      options: [valued('--name'), valued('--tags'), valued('--measures'), flag('--no-fail'), flag('--dry-run')],
      dashDash: 'command',
      subcommands: {
        span: writes('reports a span'),
        command: { ...writes('runs a command and reports it to Datadog'), dashDash: 'command' },
      },
    },
    ...aka(
      [
        'junit',
        'sarif',
        'sbom',
        'sourcemaps',
        'dsyms',
        'flutter-symbols',
        'elf-symbols',
        'react-native',
        'unity-symbols',
        'pe-symbols',
        'git-metadata',
        'coverage',
      ],
      writes('uploads build artifacts to Datadog'),
    ),
    synthetics: { subcommands: { 'run-tests': writes('runs synthetic tests'), '*': writes('changes synthetic tests') } },
    ...aka(['lambda', 'cloud-run', 'stepfunctions', 'aas', 'container-app'], writes('instruments or changes serverless functions')),
    ...aka(['tag', 'metric', 'measure', 'deployment', 'dora'], writes('reports metadata to Datadog')),
  },
  examples: {
    block: ['datadog-ci trace --name cleanup -- rm -rf ~'],
    allow: ['datadog-ci trace --name build -- npm run build', 'datadog-ci junit upload --service api reports/'],
  },
};

const SENTRY_CLI: ProgramSpec = {
  names: ['sentry-cli'],
  family: 'services',
  summary: 'Sentry CLI: releases, source maps, debug files, events and cron monitors',
  options: [
    valued('--auth-token'),
    valued('--url'),
    valued('--log-level'),
    valued('-o', '--org'),
    valued('-p', '--project'),
    valued('--header'),
    flag('--quiet'),
    flag('--allow-failure'),
    harmless('-h', '--help'),
    harmless('-V', '--version'),
  ],
  subcommands: {
    releases: {
      subcommands: {
        ...aka(['list', 'info', 'propose-version'], reads('shows releases')),
        delete: destroys('deletes a release with its files'),
        deploys: { subcommands: { list: reads('lists deploys'), new: writes('records a deploy') } },
        '*': writes('creates, finalises or changes a release'),
      },
    },
    sourcemaps: {
      subcommands: { ...aka(['resolve', 'explain'], reads('checks source maps')), '*': writes('uploads or injects source maps') },
    },
    'debug-files': {
      subcommands: {
        ...aka(['check', 'find', 'print-sources'], reads('checks debug files')),
        '*': writes('uploads or bundles debug files'),
      },
    },
    ...aka(
      [
        'upload-dif',
        'upload-dsym',
        'upload-proguard',
        'send-event',
        'send-envelope',
        'react-native',
        'login',
        'update',
        'uninstall',
        'build',
      ],
      writes('uploads data to Sentry or changes the CLI'),
    ),
    monitors: {
      subcommands: {
        list: reads('lists cron monitors'),
        run: {
          ...writes('runs a command and reports it as a cron check-in'),
          options: [
            valued('-s', '--schedule'),
            valued('-e', '--environment'),
            valued('--check-in-margin'),
            valued('--max-runtime'),
            valued('--timezone'),
            valued('--failure-issue-threshold'),
            valued('--recovery-threshold'),
          ],
          operands: [{ kind: 'data' }, { ...COMMAND, rest: true }],
          dashDash: 'command',
        },
      },
    },
    issues: { subcommands: { list: reads('lists issues'), '*': writes('resolves, mutes or reopens issues') } },
    ...aka(['info', 'projects', 'organizations', 'repos', 'events', 'logs', 'bash-hook', 'completions'], reads('shows Sentry state')),
  },
  examples: {
    block: ['sentry-cli monitors run nightly -- rm -rf ~', 'sentry-cli releases delete 1.0.0'],
    allow: ['sentry-cli releases new 1.2.3', 'sentry-cli info', 'sentry-cli monitors run nightly -- ./backup.sh'],
  },
};

const SPLUNK: ProgramSpec = {
  names: ['splunk'],
  family: 'services',
  summary: 'Splunk Enterprise command line: indexes, users, apps, searches and the server',
  options: [
    valued('-auth'),
    valued('-uri'),
    valued('-app'),
    valued('-owner'),
    valued('-index'),
    valued('-role'),
    valued('-password'),
    valued('-maxout'),
    valued('-output'),
    valued('-earliest_time'),
    valued('-latest_time'),
    flag('-f'),
    flag('--accept-license'),
    flag('--answer-yes'),
    flag('--no-prompt'),
  ],
  subcommands: {
    clean: destroys('deletes indexed events, users or KV store data'),
    remove: {
      subcommands: {
        index: destroys('deletes an index with its events'),
        user: verb('privilege', 'removes a user'),
        role: verb('privilege', 'removes a role'),
        '*': writes('removes an input, app or setting'),
      },
    },
    add: {
      subcommands: {
        user: verb('privilege', 'creates a user'),
        role: verb('privilege', 'creates a role'),
        '*': writes('adds an index, input, app or forwarder'),
      },
    },
    edit: {
      subcommands: {
        user: verb('privilege', "changes a user's roles or password"),
        role: verb('privilege', 'changes a role'),
        '*': writes('changes an index, input or setting'),
      },
    },
    ...aka(
      ['search', 'list', 'show', 'display', 'status', 'version', 'help', 'btool', 'diag', 'validate'],
      reads('searches or shows server state'),
    ),
    // `splunk cmd PROGRAM …` runs the program with Splunk's environment.
    cmd: { ...writes("runs a program with Splunk's environment"), operands: [{ ...COMMAND, rest: true }] },
    '*': writes('starts, stops or changes the server'),
  },
  examples: {
    block: [
      'splunk clean eventdata -index main -f',
      'splunk remove index old_logs',
      'splunk cmd rm -rf ~',
      'splunk add user eve -role admin -password x',
    ],
    allow: ["splunk search 'index=main error | head 10'", 'splunk list index', 'splunk status', 'splunk cmd btool inputs list'],
  },
};

export const SERVICES: ProgramSpec[] = [
  // Messaging
  ...KAFKA,
  KCAT,
  NATS,
  RABBITMQCTL,
  RABBITMQADMIN,
  MOSQUITTO_PUB,
  MOSQUITTO_SUB,
  PULSAR_ADMIN,
  PULSAR_CLIENT,
  // Search
  ALGOLIA,
  // SMS, calls and payments
  TWILIO,
  STRIPE,
  // Feature flags, paging, monitoring (tunnels such as cloudflared are in the network family)
  LDCLI,
  PD,
  DATADOG_CI,
  SENTRY_CLI,
  SPLUNK,
];
