/**
 * The strongly connected components that contain a loop (several nodes, or one with an edge to
 * itself), each listed in the order of `nodeIds`. Tarjan's algorithm, iterative so that a long
 * chain of nodes cannot overflow the stack.
 */
export function findLoops(nodeIds: readonly string[], successors: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = new Map(nodeIds.map((id, position) => [id, position]));
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  let nextIndex = 0;

  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, nextIndex);
    lowLink.set(root, nextIndex);
    nextIndex += 1;
    stack.push(root);
    onStack.add(root);

    while (work.length > 0) {
      const frame = work.at(-1)!;
      const targets = successors.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next]!;
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, nextIndex);
          lowLink.set(target, nextIndex);
          nextIndex += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = component.length === 1 && (successors.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) {
        loops.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
      }
    }
  }
  return loops;
}
