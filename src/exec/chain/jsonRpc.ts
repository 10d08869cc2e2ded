/** One JSON-RPC call over HTTP with a deadline: the sandbox's own calls that viem has no action for (evm_mine, hardhat_*). */
import { ClmmLabError } from '../../errors/ClmmLabError.ts';

export async function jsonRpc(rpcUrl: string, method: string, params: unknown[] = [], timeoutMs = 5000): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ClmmLabError('CHAIN_NODE_FAILED', `${method}: the node at ${rpcUrl} did not answer`, { details: { method, rpcUrl }, cause: error });
  }
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } };
  if (body.error !== undefined) {
    throw new ClmmLabError('CHAIN_NODE_FAILED', `${method}: ${body.error.message ?? 'JSON-RPC error'}`, { details: { method, rpcUrl } });
  }
  return body.result;
}
