import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { ApiError, isSessionLost } from '../api/api-error';
import { request } from '../api/graphql-client';
import { ViewerDocument, type ViewerQuery } from '../gql/graphql';

export const viewerKey = ['viewer'] as const;

interface SessionState {
  /** True once a request of a signed-in admin came back AUTH_REQUIRED: the session ran out. */
  readonly expired: boolean;
  /** After signing in: forget everything cached for the previous session. */
  readonly startSession: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The data client and the session around it. Any query or mutation answered AUTH_REQUIRED while an
 * admin was signed in marks the session expired; the pages then send the admin to sign in, and
 * back afterwards. Nothing about the session is stored in the browser but the HttpOnly cookie.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [expired, setExpired] = useState(false);
  const [client] = useState(() => {
    const onError = (error: unknown) => {
      if (isSessionLost(error) && queryClient.getQueryData(viewerKey) !== undefined) setExpired(true);
    };
    const queryClient: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        // An API answer (an error the server gave) does not change on retry; a lost connection may.
        queries: { retry: (count, error) => error instanceof ApiError && error.status === 0 && count < 2, refetchOnWindowFocus: false },
      },
    });
    return queryClient;
  });
  const startSession = () => {
    client.clear();
    setExpired(false);
  };
  return (
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={{ expired, startSession }}>{children}</SessionContext.Provider>
    </QueryClientProvider>
  );
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export type Viewer = ViewerQuery['viewer'];

/** The signed-in admin and organization (AUTH_REQUIRED as an error when nobody is signed in). */
export function useViewer() {
  return useQuery({ queryKey: viewerKey, queryFn: () => request(ViewerDocument).then((data) => data.viewer), staleTime: 60_000 });
}
