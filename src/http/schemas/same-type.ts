/**
 * Compile-time check that a response schema describes exactly the type a route answers: a field the
 * route sends that the schema lacks would be stripped by the serializer, and one the schema adds
 * would be a promise the route does not keep. `Assert<Exact<z.output<typeof S>, T>>` compiles only
 * when both have the same fields, optional alike, all the way down (intersections and aliases are
 * flattened first, so only the shape counts).
 */
type Normalize<T> = T extends readonly (infer U)[] ? Normalize<U>[] : T extends object ? { [K in keyof T]: Normalize<T[K]> } : T;

type Identical<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

export type Exact<A, B> = Identical<Normalize<A>, Normalize<B>>;
export type Assert<T extends true> = T;
