import type { DehydratedState } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { integrationKeys, integrationQueries } from "./integrations";
import { mayExist, Prefetch } from "./prefetch";

const stateOf = (el: Awaited<ReturnType<typeof Prefetch>>) => (el as ReactElement<{ state: DehydratedState }>).props.state;

describe("Prefetch", () => {
  it("puts the server-side read in the cache under the client query's key", async () => {
    const rows = [{ id: "a" }] as never;
    const state = stateOf(await Prefetch({ query: integrationQueries.list(), load: async () => rows, children: null }));
    expect(state.queries).toHaveLength(1);
    expect(state.queries[0]!.queryKey).toEqual(integrationKeys.list());
    expect(state.queries[0]!.state.data).toBe(rows);
  });

  it("sends nothing when the read fails, so the client fetches and shows its own state", async () => {
    const state = stateOf(
      await Prefetch({
        query: integrationQueries.list(),
        load: () => Promise.reject(new Error("down")),
        children: null,
      }),
    );
    expect(state.queries).toHaveLength(0);
  });

  it("does not read at all for an id that cannot exist", async () => {
    const load = vi.fn(async () => ({}) as never);
    const state = stateOf(await Prefetch({ query: integrationQueries.detail("nope"), load, when: mayExist("nope"), children: null }));
    expect(load).not.toHaveBeenCalled();
    expect(state.queries).toHaveLength(0);
    expect(mayExist("0b6c7c36-3f1e-4c53-9d55-3c1a2f0e8a11")).toBe(true);
  });
});
