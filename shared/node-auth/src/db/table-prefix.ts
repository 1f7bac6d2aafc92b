import {
  type CreateIndexNode,
  type DropIndexNode,
  IdentifierNode,
  OperationNodeTransformer,
  SchemableIdentifierNode,
  type TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

class Prefixer extends OperationNodeTransformer {
  constructor(private readonly prefix: string) {
    super();
  }

  private prefixed(node: SchemableIdentifierNode): SchemableIdentifierNode {
    const name = `${this.prefix}${node.identifier.name}`;
    return node.schema
      ? SchemableIdentifierNode.createWithSchema(node.schema.name, name)
      : SchemableIdentifierNode.create(name);
  }

  protected override transformTable(node: TableNode): TableNode {
    return { ...super.transformTable(node), table: this.prefixed(node.table) };
  }

  protected override transformCreateIndex(node: CreateIndexNode): CreateIndexNode {
    return { ...super.transformCreateIndex(node), name: IdentifierNode.create(`${this.prefix}${node.name.name}`) };
  }

  protected override transformDropIndex(node: DropIndexNode): DropIndexNode {
    return { ...super.transformDropIndex(node), name: this.prefixed(node.name) };
  }
}

/**
 * Puts `prefix` before every table and index name the auth's queries and migrations use, so its
 * tables (`auth_users`, `auth_sessions`...) sit beside an application's own in one database.
 */
export class TablePrefixPlugin implements KyselyPlugin {
  private readonly prefixer: Prefixer;

  constructor(prefix: string) {
    this.prefixer = new Prefixer(prefix);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.prefixer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
