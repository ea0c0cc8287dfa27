/** A clock for code that takes `now` and `sleep`: time starts at 0 and moves only when it sleeps. */
export function fakeClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}
